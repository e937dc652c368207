namespace Ember.Plots;

/// <summary>
/// Writes a file atomically: the bytes go to a temporary file in the target's folder, are flushed to disk, and the
/// temporary file then replaces the target, so a crash mid-write leaves the previous file (and no partial one).
/// </summary>
internal static class AtomicWrite
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> through a temporary file beside it.</summary>
    /// <exception cref="IOException">The file cannot be written (the temporary file is removed).</exception>
    public static void Bytes(string path, ReadOnlySpan<byte> bytes)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new IOException($"save: '{path}' has no folder");
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
