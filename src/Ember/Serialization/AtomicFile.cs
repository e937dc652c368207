namespace Ember.Serialization;

/// <summary>
/// Writes a file atomically: the bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
/// file then replaces the target — a crash mid-write leaves the previous file intact (and no partial file).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Runs <paramref name="write"/> on a temporary file beside <paramref name="path"/>, then moves it over
    /// <paramref name="path"/> (the temporary file is removed when anything fails).</summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new IOException($"save: '{path}' has no folder");
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
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
