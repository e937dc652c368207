using System.Diagnostics;

namespace Ember.Plots.Tests;

/// <summary>Runs Debian's headless Chromium (package <c>chromium</c>) on a page, with a hard timeout.</summary>
internal static class Chromium
{
    /// <summary>The browser on PATH, or null.</summary>
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = System.IO.Path.Combine(dir, "chromium");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Runs chromium headless with <paramref name="args"/> (a fresh profile in <paramref name="profile"/>), kills it (and
    /// its children) after <paramref name="timeoutSeconds"/>, and returns its standard output.
    /// </summary>
    public static string Run(string profile, int timeoutSeconds, params string[] args)
    {
        var info = new ProcessStartInfo(Path ?? throw new InvalidOperationException("chromium is not on PATH"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--hide-scrollbars", "--disable-extensions", "--mute-audio", $"--user-data-dir={profile}", .. args])
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish in {timeoutSeconds} s: {string.Join(' ', args)}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}

/// <summary>
/// A fact that needs Debian's <c>chromium</c> on PATH. Without it the test is skipped — unless EMBER_REQUIRE_ORACLES=1
/// (CI sets it after installing the package), where it runs and fails, so a broken install can never pass silently.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EMBER_REQUIRE_ORACLES") == "1") return;
        if (Chromium.Path is null) Skip = "needs chromium on PATH (Debian package chromium)";
    }
}
