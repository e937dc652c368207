using Ember.Cli;

namespace Ember.Tests.Cli;

/// <summary>Runs the <c>ember</c> command line in process and captures its exit code, stdout and stderr.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh temporary folder for one test.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ember-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
