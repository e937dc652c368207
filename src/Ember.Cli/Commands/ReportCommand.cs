using System.CommandLine;
using Ember.Plots;

namespace Ember.Cli.Commands;

/// <summary><c>ember report RUN.json</c>: renders the HTML report of a run saved by <c>ember train</c> (the JSON beside its report).</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output)
    {
        var run = new Argument<string>("run") { Description = "The run's JSON, written by `ember train` beside its report (e.g. runs/digits/report.json)" };
        var target = new Option<string?>("--output", "-o") { Description = "The HTML file to write (default: the run's path with .html)", HelpName = "FILE" };
        var command = new Command("report", "Render the self-contained HTML report (curves, model summary, confusion matrix, hyper-parameters, gradient health) of a run saved by `ember train`");
        command.Arguments.Add(run);
        command.Options.Add(target);
        command.SetAction(r =>
        {
            string path = r.GetValue(run)!;
            string html = r.GetValue(target) ?? Path.ChangeExtension(path, ".html");
            if (Path.GetFullPath(html) == Path.GetFullPath(path)) throw new CliException($"report: the output would overwrite the run file {path}; pass --output", 2);
            var record = ReportWriter.Read(path);
            HtmlReport.Write(record.ToReport(), html);
            output.WriteLine($"report written to {html}");
            return 0;
        });
        return command;
    }
}
