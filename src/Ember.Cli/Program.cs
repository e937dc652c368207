// `ember`: the command line of Ember (see CliApp). `dotnet run -c Release --project src/Ember.Cli` with no arguments runs the
// README's main job: `ember train` on the embedded digits, with progress, the test accuracy and the report.
return Ember.Cli.CliApp.Run(args, Console.Out, Console.Error);
