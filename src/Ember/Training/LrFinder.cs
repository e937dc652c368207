using Ember.Optim;

namespace Ember.Training;

/// <summary>
/// The learning-rate range test (fastai's <c>lr_find</c>, after Smith 2017): trains for a few batches while raising the
/// learning rate exponentially from <c>startLr</c> to <c>endLr</c>, records the loss smoothed as fastai does (an
/// exponential moving average with β = 0.98, debiased), stops once it exceeds four times the best (divergence), and
/// suggests a rate: the steepest descent of the loss against log(lr) (fastai's <c>steep</c>) and the minimum's rate / 10
/// (<c>minimum</c>). The model's weights and the optimizer's state (rates included) are restored afterwards, so a run can
/// begin right after.
/// </summary>
public static class LrFinder
{
    /// <summary>Runs the range test with a trainer's model, loss and optimizer.</summary>
    /// <param name="trainer">The trainer (its model, loss, optimizer; accumulation and clipping are not applied).</param>
    /// <param name="train">Training batches, cycled if fewer than <paramref name="numIterations"/>.</param>
    /// <param name="startLr">The first rate (default 1e-7).</param>
    /// <param name="endLr">The last rate (default 10).</param>
    /// <param name="numIterations">Batches in the sweep (default 100).</param>
    /// <param name="stopDivergence">Stop when the smoothed loss exceeds 4× the best (default true).</param>
    /// <returns>The rates, the smoothed losses and the suggestions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rates are not positive and increasing, or fewer than 2 iterations are asked.</exception>
    /// <exception cref="InvalidOperationException">The training data has no batch.</exception>
    public static LrFinderResult Find(Trainer trainer, IEnumerable<(Tensor Input, Tensor Target)> train, double startLr = 1e-7, double endLr = 10,
        int numIterations = 100, bool stopDivergence = true)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(train);
        if (!(startLr > 0 && endLr > startLr && double.IsFinite(endLr)))
            throw new ArgumentOutOfRangeException(nameof(startLr), $"lr_find: need 0 < startLr < endLr, got {startLr} and {endLr}");
        if (numIterations < 2) throw new ArgumentOutOfRangeException(nameof(numIterations), numIterations, $"lr_find: numIterations must be at least 2, got {numIterations}");
        var model = trainer.Model;
        var optimizer = trainer.Optimizer;
        var weights = new OrderedDictionary<string, Tensor>();
        foreach (var (k, v) in model.StateDict()) weights[k] = v.Clone();
        var optimizerState = optimizer.StateDict();
        bool training = model.Training;
        var lrs = new List<double>();
        var losses = new List<double>();
        try
        {
            model.Train();
            double avg = 0, best = double.PositiveInfinity;
            int i = 0;
            while (i < numIterations)
            {
                bool any = false;
                foreach (var (x, y) in train)
                {
                    any = true;
                    double lr = startLr * Math.Pow(endLr / startLr, (double)i / (numIterations - 1));
                    foreach (var g in optimizer.ParamGroups) g.Lr = lr;
                    double value;
                    using (Torch.NewDisposeScope())
                    {
                        var loss = trainer.LossFn(model.Call(x), y);
                        value = loss.Item();
                        optimizer.ZeroGrad();
                        loss.Backward();
                        optimizer.Step();
                    }
                    i++;
                    avg = 0.98 * avg + 0.02 * value;
                    double smooth = avg / (1 - Math.Pow(0.98, i));
                    lrs.Add(lr);
                    losses.Add(smooth);
                    if (!double.IsFinite(smooth) || (stopDivergence && smooth > 4 * best)) { i = numIterations; break; }
                    best = Math.Min(best, smooth);
                    if (i >= numIterations) break;
                }
                if (!any) throw new InvalidOperationException("lr_find: the training data has no batch");
            }
        }
        finally
        {
            model.LoadStateDict(weights);
            optimizer.LoadStateDict(optimizerState);
            optimizer.ZeroGrad();
            model.Train(training);
        }
        return new LrFinderResult(lrs, losses);
    }
}

/// <summary>What <see cref="LrFinder.Find"/> measured.</summary>
public sealed class LrFinderResult
{
    internal LrFinderResult(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        LearningRates = lrs;
        Losses = losses;
        int n = 0;
        for (; n < losses.Count && double.IsFinite(losses[n]); n++) { }
        // fastai's suggestions, over the finite part of the curve
        int min = 0;
        for (int i = 1; i < n; i++) if (losses[i] < losses[min]) min = i;
        MinimumLr = n > 0 ? lrs[min] / 10 : double.NaN;
        int steep = -1;
        double steepest = double.PositiveInfinity;
        for (int i = 0; i + 1 < n; i++)
        {
            double slope = (losses[i + 1] - losses[i]) / (Math.Log(lrs[i + 1]) - Math.Log(lrs[i]));
            if (slope < steepest) (steepest, steep) = (slope, i);
        }
        SteepestLr = steep >= 0 ? lrs[steep] : double.NaN;
    }

    /// <summary>The rate of each iteration.</summary>
    public IReadOnlyList<double> LearningRates { get; }

    /// <summary>The smoothed loss after each iteration.</summary>
    public IReadOnlyList<double> Losses { get; }

    /// <summary>The rate where the loss falls fastest against log(lr) (fastai's <c>steep</c>); the suggestion.</summary>
    public double SteepestLr { get; }

    /// <summary>The rate of the lowest loss divided by 10 (fastai's <c>minimum</c>).</summary>
    public double MinimumLr { get; }
}
