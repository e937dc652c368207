using Ember.Optim;
using Ember.Optim.Schedulers;

namespace Ember.Tests.Optim;

/// <summary>
/// Scheduler state dicts: the keys and values PyTorch 1.13's <c>state_dict()</c> gives after four steps (values
/// generated with torch; MultiStepLR's Counter as a plain dict, OneCycleLR's bound <c>anneal_func</c> as newer PyTorch's
/// <c>_anneal_func_type</c>), and a scheduler restored from one continues exactly like the original.
/// </summary>
public class SchedulerStateDictTests
{
    private static SGD Sgd() => new([Torch.Zeros(2).RequiresGrad_()], lr: 0.1, momentum: 0.9);

    public static TheoryData<string> Kinds => new() { "StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "OneCycleLR", "LambdaLR" };

    private static LRScheduler Make(string kind, Optimizer o) => kind switch
    {
        "StepLR" => new StepLR(o, 3, 0.5),
        "MultiStepLR" => new MultiStepLR(o, [2, 4, 4], 0.5),
        "ExponentialLR" => new ExponentialLR(o, 0.9),
        "CosineAnnealingLR" => new CosineAnnealingLR(o, 5, 0.01),
        "OneCycleLR" => new OneCycleLR(o, 1.0, totalSteps: 10),
        "LambdaLR" => new LambdaLR(o, e => 1.0 / (e + 1)),
        _ => throw new ArgumentException(kind),
    };

    [Fact]
    public void MatchesPyTorchsStateDicts()
    {
        var expected = new Dictionary<string, (string Settings, double LastLr)>
        {
            ["StepLR"] = ("step_size=3 gamma=0.5", 0.05),
            ["MultiStepLR"] = ("milestones={2: 1, 4: 2} gamma=0.5", 0.0125),
            ["ExponentialLR"] = ("gamma=0.9", 0.06561000000000002),
            ["CosineAnnealingLR"] = ("T_max=5 eta_min=0.01", 0.018594235253127367),
            ["OneCycleLR"] = ("total_steps=10 _schedule_phases=[{end_step=2 start_lr=initial_lr end_lr=max_lr start_momentum=max_momentum end_momentum=base_momentum}, "
                + "{end_step=9 start_lr=max_lr end_lr=min_lr start_momentum=base_momentum end_momentum=max_momentum}] _anneal_func_type=cos cycle_momentum=True use_beta1=False", 0.8117456539497631),
        };
        foreach (var (kind, (settings, lastLr)) in expected)
        {
            var o = Sgd();
            var s = Make(kind, o);
            for (int i = 0; i < 4; i++) { o.Step(); s.Step(); }
            var d = s.StateDict();
            string[] common = ["base_lrs", "last_epoch", "verbose", "_step_count", "_get_lr_called_within_step", "_last_lr"];
            Assert.Equal(settings, string.Join(" ", d.Where(kv => !common.Contains(kv.Key)).Select(kv => kv.Key + "=" + Show(kv.Value))));
            Assert.Equal(common, d.Keys.Skip(d.Count - common.Length));
            Assert.Equal(4L, d["last_epoch"]);
            Assert.Equal(5L, d["_step_count"]);
            Assert.Equal(false, d["verbose"]);
            Assert.Equal(kind == "OneCycleLR" ? 0.04 : 0.1, Assert.Single((List<double>)d["base_lrs"]!), 15);
            Assert.Equal(lastLr, Assert.Single((List<double>)d["_last_lr"]!), 15);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ARestoredSchedulerContinuesLikeTheOriginal(string kind)
    {
        var o1 = Sgd();
        var s1 = Make(kind, o1);
        for (int i = 0; i < 4; i++) { o1.Step(); s1.Step(); }
        var saved = s1.StateDict();
        var optimizerState = o1.StateDict();

        // A fresh optimizer and scheduler (constructed as at the start), then both states loaded.
        var o2 = Sgd();
        var s2 = Make(kind, o2);
        o2.LoadStateDict(optimizerState);
        s2.LoadStateDict(saved);
        Assert.Equal(s1.GetLastLr(), s2.GetLastLr());
        Assert.Equal(s1.LastEpoch, s2.LastEpoch);
        for (int i = 0; i < 5; i++)
        {
            o1.Step(); s1.Step();
            o2.Step(); s2.Step();
            Assert.Equal(o1.ParamGroups[0].Lr, o2.ParamGroups[0].Lr);
            Assert.Equal(o1.ParamGroups[0].Momentum, o2.ParamGroups[0].Momentum);
        }
    }

    [Fact]
    public void LoadedSettingsReplaceTheConstructorsAsInPyTorch()
    {
        var s1 = new StepLR(Sgd(), 3, 0.5);
        var s2 = new StepLR(Sgd(), 7, 0.1);
        s2.LoadStateDict(s1.StateDict());
        Assert.Equal((3, 0.5), (s2.StepSize, s2.Gamma));
        var m1 = new MultiStepLR(Sgd(), [5, 1, 5]);
        var m2 = new MultiStepLR(Sgd(), [2]);
        m2.LoadStateDict(m1.StateDict());
        Assert.Equal([1, 5, 5], m2.Milestones);
    }

    [Fact]
    public void BadStatesAreRefusedByKeyAndChangeNothing()
    {
        var s = new StepLR(Sgd(), 3, 0.5);
        var good = s.StateDict();
        void Refused(string key, object? value, string expected)
        {
            var bad = new Dictionary<string, object?>(good);
            if (value is Missing) bad.Remove(key); else bad[key] = value;
            var e = Assert.Throws<ArgumentException>(() => s.LoadStateDict(bad));
            Assert.StartsWith("load_state_dict: ", e.Message);
            Assert.Contains(expected, e.Message);
            Assert.Equal(0, s.LastEpoch);
            Assert.Equal((3, 0.5), (s.StepSize, s.Gamma));
        }
        Refused("last_epoch", Missing.Value, "'last_epoch'");
        Refused("last_epoch", "four", "'last_epoch' should be an integer");
        Refused("last_epoch", 1e12, "'last_epoch' should be an integer");
        Refused("base_lrs", new List<object?> { 0.1, 0.2 }, "2 values but the optimizer has 1");
        Refused("_last_lr", new List<object?> { "x" }, "'_last_lr' should be a number");
        Refused("step_size", null, "'step_size' should be an integer, got None");
        Assert.Throws<ArgumentNullException>(() => s.LoadStateDict(null!));

        var one = new OneCycleLR(Sgd(), 1.0, totalSteps: 10);
        var phases = one.StateDict();
        ((OrderedDictionary<string, object?>)((List<object?>)phases["_schedule_phases"]!)[0]!)["end_lr"] = "bogus";
        Assert.Contains("unknown group entry 'bogus'", Assert.Throws<ArgumentException>(() => one.LoadStateDict(phases)).Message);
    }

    [Fact]
    public void ReduceLROnPlateauMatchesPyTorchAndRestores()
    {
        var o = Sgd();
        var r = new ReduceLROnPlateau(o, patience: 1);
        foreach (double m in new[] { 1, 2, 3, 0.5, 4 }) r.Step(m);
        var d = r.StateDict();
        // torch 1.13 after steps 1, 2, 3, 0.5, 4 with patience=1
        Assert.Equal("factor=0.1 min_lrs=[0] patience=1 verbose=False cooldown=0 cooldown_counter=0 mode=min threshold=0.0001 threshold_mode=rel "
            + "best=0.5 num_bad_epochs=1 mode_worse=Infinity eps=1E-08 last_epoch=5 _last_lr=[0.010000000000000002]", string.Join(" ", d.Select(kv => kv.Key + "=" + Show(kv.Value))));
        var o2 = Sgd();
        var r2 = new ReduceLROnPlateau(o2, patience: 5, mode: "max");
        o2.LoadStateDict(o.StateDict());
        r2.LoadStateDict(d);
        foreach (double m in new[] { 5, 6, 0.1, 0.2, 0.3, 0.05 })
        {
            r.Step(m); r2.Step(m);
            Assert.Equal(o.ParamGroups[0].Lr, o2.ParamGroups[0].Lr);
            Assert.Equal(r.NumBadEpochs, r2.NumBadEpochs);
        }
        d["mode"] = "sideways";
        Assert.Contains("unknown mode 'sideways'", Assert.Throws<ArgumentException>(() => r2.LoadStateDict(d)).Message);
    }

    private sealed class Missing
    {
        public static readonly Missing Value = new();
    }

    private static IEnumerable<System.Collections.DictionaryEntry> Entries(System.Collections.IDictionary dict)
    {
        foreach (System.Collections.DictionaryEntry e in dict) yield return e;
    }

    private static string Show(object? v) => v switch
    {
        null => "None",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        System.Collections.IDictionary dict when dict.Keys.Cast<object>().All(k => k is long) =>
            "{" + string.Join(", ", Entries(dict).Select(e => e.Key + ": " + Show(e.Value))) + "}",
        System.Collections.IDictionary dict => "{" + string.Join(" ", Entries(dict).Select(e => e.Key + "=" + Show(e.Value))) + "}",
        System.Collections.IEnumerable list and not string => "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]",
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
