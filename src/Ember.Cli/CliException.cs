namespace Ember.Cli;

/// <summary>A user mistake (a bad option value, a missing file, a model that does not fit the data): reported as one line on
/// stderr with <see cref="ExitCode"/>, never with a stack trace.</summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The process exit code: 2 for a usage error, 1 for a failure of the work asked.</summary>
    public int ExitCode { get; } = exitCode;
}
