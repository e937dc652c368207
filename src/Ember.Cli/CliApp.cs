using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.Json;
using Ember.Cli.Commands;
using Ember.Serialization;

namespace Ember.Cli;

/// <summary>
/// The <c>ember</c> command line: <c>train</c>, <c>evaluate</c>, <c>predict</c>, <c>summary</c>, <c>lr-find</c>, <c>cv</c>, <c>report</c>. With no
/// arguments it lists the commands and runs the main job, <c>ember train</c> with its defaults (the embedded digits).
/// User mistakes end with one line on stderr and exit code 2 (usage) or 1 (the work failed), never a stack trace.
/// </summary>
internal static class CliApp
{
    public static Command Build(TextWriter output)
    {
        // A plain command named "ember" rather than a RootCommand, whose name would be the assembly's (Ember.Cli).
        var root = new Command("ember", "Train, evaluate and inspect Ember models from the command line. " +
            "With no command, runs `ember train` with its defaults (an MLP on the embedded digits).");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Subcommands.Add(TrainCommand.Create(output));
        root.Subcommands.Add(EvaluateCommand.Create(output));
        root.Subcommands.Add(PredictCommand.Create(output));
        root.Subcommands.Add(SummaryCommand.Create(output));
        root.Subcommands.Add(LrFindCommand.Create(output));
        root.Subcommands.Add(CrossValidateCommand.Create(output));
        root.Subcommands.Add(ReportCommand.Create(output));
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = Build(output);
        if (args.Length == 0)
        {
            output.WriteLine("ember: no command given, so running the main job: `ember train` on the embedded digits.");
            output.WriteLine("commands: " + string.Join(", ", root.Subcommands.Select(c => c.Name)) + " (`ember --help`, `ember COMMAND --help`)");
            output.WriteLine();
            args = ["train"];
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var e in parse.Errors) error.WriteLine($"ember: {e.Message}");
            string name = parse.CommandResult.Command == root ? "ember" : "ember " + parse.CommandResult.Command.Name;
            error.WriteLine($"run '{name} --help' for the options");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            error.WriteLine($"ember: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or KeyNotFoundException
            or FormatException or IOException or UnauthorizedAccessException or InvalidDataException or ModelFormatException or JsonException)
        {
            error.WriteLine($"ember: {e.Message}");
            return 1;
        }
    }
}
