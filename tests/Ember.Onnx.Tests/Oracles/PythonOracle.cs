using System.Diagnostics;

namespace Ember.Onnx.Tests.Oracles;

/// <summary>
/// Runs a fixture script (tests/…/Fixtures/*.py, copied beside the test assembly) with Debian's Python, whose
/// python3-torch, python3-torchvision and python3-onnx packages are the reference implementations. The scripts only
/// generate files for a test (a state dict saved by PyTorch, a model exported by torch.onnx) or check one that Ember
/// wrote; the values compared are always computed by the test.
/// </summary>
internal static class PythonOracle
{
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Dictionary<string, bool> Modules = new();

    /// <summary>Whether <paramref name="module"/> imports in Debian's Python (cached).</summary>
    public static bool Has(string module)
    {
        lock (Modules)
        {
            if (Modules.TryGetValue(module, out bool known)) return known;
            bool ok = File.Exists(Interpreter) && TryRun(["-c", "import " + module], 120, out _);
            Modules[module] = ok;
            return ok;
        }
    }

    /// <summary>Runs a fixture script with arguments; throws with its output when it fails.</summary>
    public static string Run(string script, params string[] args)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", script);
        if (!TryRun([path, .. args], 600, out string output))
            throw new InvalidOperationException($"{script} failed:\n{output}");
        return output;
    }

    private static bool TryRun(string[] args, int timeoutSeconds, out string output)
    {
        var info = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) info.ArgumentList.Add(a);
        info.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(timeoutSeconds * 1000)) { process.Kill(true); output = "timed out"; return false; }
        output = stdout + stderr.Result;
        return process.ExitCode == 0;
    }
}

/// <summary>
/// A fact that needs Debian's Python with the named modules (e.g. "torch", "torchvision", "onnx"). Without them the
/// test is reported as skipped — unless EMBER_REQUIRE_ORACLES=1 (CI sets it after installing them), where it runs and
/// fails, so a broken install can never pass silently.
/// </summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute(params string[] modules)
    {
        if (Environment.GetEnvironmentVariable("EMBER_REQUIRE_ORACLES") == "1") return;
        string[] missing = modules.Where(m => !PythonOracle.Has(m)).ToArray();
        if (missing.Length > 0) Skip = $"needs {PythonOracle.Interpreter} with {string.Join(", ", missing)} (Debian python3-torch, python3-torchvision, python3-onnx)";
    }
}
