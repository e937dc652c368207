namespace Ember.Selection;

/// <summary>How a <see cref="VotingClassifier"/> combines its models (scikit-learn's <c>voting</c>).</summary>
public enum Voting
{
    /// <summary>Each model votes for its most likely class (weighted); the class with most votes wins, ties to the smallest label.</summary>
    Hard,

    /// <summary>The (weighted) average of the models' softmax probabilities; the most probable class wins.</summary>
    Soft,
}
