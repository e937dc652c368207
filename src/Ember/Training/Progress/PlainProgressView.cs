namespace Ember.Training.Progress;

/// <summary>One line per epoch on a writer (Keras' <c>verbose=2</c>), and warnings as they come.</summary>
internal sealed class PlainProgressView(TextWriter output) : ProgressView
{
    public override void EpochEnd(int epoch, int epochs, int batches, long samples, IReadOnlyDictionary<string, double> logs, string? health)
    {
        output.WriteLine(ProgressFormat.EpochLine(epoch, epochs, batches, samples, logs, health));
        output.Flush();
    }

    public override void Warning(string message) => output.WriteLine("warning: " + message);
}
