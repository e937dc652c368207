using System.Globalization;
using Ember.Optim;
using Ember.Plots;

// d2l's optimization chapter in one picture: gradient descent, momentum, RMSProp and Adam on the ill-conditioned
// f(x1, x2) = 0.1·x1² + 2·x2², from (-5, -2), drawn over the function's contour lines (show_trace_2d), plus the loss
// per step on a log scale (semilogy). Writes trajectories.svg/.png and losses.svg to the folder given (default: out/).
string folder = args.Length > 0 ? args[0] : "out";
Directory.CreateDirectory(folder);
static double F(double a, double b) => 0.1 * a * a + 2 * b * b;
var runs = new Dictionary<string, Func<IEnumerable<Ember.NN.Parameter>, Optimizer>>
{
    ["SGD lr 0.4"] = ps => new SGD(ps, lr: 0.4),
    ["momentum 0.5, lr 0.4"] = ps => new SGD(ps, lr: 0.4, momentum: 0.5),
    ["RMSProp lr 0.4"] = ps => new RMSprop(ps, lr: 0.4, alpha: 0.9),
    ["Adam lr 0.5"] = ps => new Adam(ps, lr: 0.5),
};
var paths = new Dictionary<string, IReadOnlyList<(double X, double Y)>>();
foreach (var (name, make) in runs)
{
    paths[name] = OptimizerTrajectories.Trace((x1, x2) => 0.1 * x1 * x1 + 2 * x2 * x2, (-5, -2), make, steps: 20);
    var end = paths[name][^1];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} after 20 steps: x = ({end.X,9:F5}, {end.Y,9:F5}), f = {F(end.X, end.Y):E3}"));
}
var contour = OptimizerTrajectories.Create(F, (-5.5, 1.5), (-3, 2), paths);
Figure.Save(contour, Path.Combine(folder, "trajectories.svg"), 800, 500);
Figure.Save(contour, Path.Combine(folder, "trajectories.png"), 800, 500);

// The loss per step of each optimizer, as a training history (one "epoch" per step) on a log scale.
var losses = paths.ToDictionary(kv => kv.Key.Split(' ')[0].ToLowerInvariant(), kv => (IReadOnlyList<double>)kv.Value.Select(p => F(p.X, p.Y)).ToArray());
var history = Ember.Training.History.Create(Enumerable.Range(0, 21).ToArray(), losses);
Figure.Save(TrainingCurves.Create(history, losses.Keys, logY: true), Path.Combine(folder, "losses.svg"), 800, 500);
Console.WriteLine(TerminalChart.Render(losses["adam"], width: 42, height: 5, logY: true, label: "Adam: f per step (log scale)"));
Console.WriteLine($"wrote {Path.Combine(folder, "trajectories.svg")}, trajectories.png and losses.svg");
