namespace Ember.Cli;

/// <summary>What the model learns: class indices (cross-entropy) or real values (mean squared error).</summary>
internal enum TaskKind
{
    Classification,
    Regression,
}
