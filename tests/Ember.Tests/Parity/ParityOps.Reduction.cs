using Ember.NN;

namespace Ember.Tests.Parity;

internal static partial class ParityOps
{
    /// <summary>A reduction over no dims (all), one dim (the int overload) or a list of dims.</summary>
    private static Tensor Reduce(ParityCall c, Func<int[]?, bool, Tensor> dims, Func<int, bool, Tensor> one)
    {
        bool keep = c.B("keepdim");
        if (!c.Has("dim")) return dims(null, keep);
        var d = c.Ints("dim");
        return c.S("dim", "").Contains(',') || d.Length != 1 ? dims(d, keep) : one(d[0], keep);
    }

    private static void AddReductions(Dictionary<string, Func<ParityCall, object>> t)
    {
        t["sum"] = c => Reduce(c, (d, k) => c[0].Sum(d, k), (d, k) => c[0].Sum(d, k));
        t["mean"] = c => Reduce(c, (d, k) => c[0].Mean(d, k), (d, k) => c[0].Mean(d, k));
        t["amax"] = c => Reduce(c, (d, k) => c[0].Amax(d, k), (d, k) => c[0].Amax(d, k));
        t["amin"] = c => Reduce(c, (d, k) => c[0].Amin(d, k), (d, k) => c[0].Amin(d, k));
        t["var"] = c => Reduce(c, (d, k) => c[0].Var(d, c.D("correction"), k), (d, k) => c[0].Var(d, c.D("correction"), k));
        t["std"] = c => Reduce(c, (d, k) => c[0].Std(d, c.D("correction"), k), (d, k) => c[0].Std(d, c.D("correction"), k));
        t["norm"] = c => Reduce(c, (d, k) => c[0].Norm(c.D("p"), d, k), (d, k) => c[0].Norm(c.D("p"), d, k));
        t["logsumexp"] = c => Reduce(c, (d, k) => c[0].LogSumExp(d!, k), (d, k) => c[0].LogSumExp(d, k));
        t["prod"] = c => c.Has("dim") ? c[0].Prod(c.I("dim"), c.B("keepdim")) : c[0].Prod();
        t["max"] = c => c.Has("dim") ? c[0].Max(c.I("dim"), c.B("keepdim")) : c[0].Max();
        t["min"] = c => c.Has("dim") ? c[0].Min(c.I("dim"), c.B("keepdim")) : c[0].Min();
        t["argmax"] = c => c[0].Argmax(c.NI("dim"), c.B("keepdim"));
        t["argmin"] = c => c[0].Argmin(c.NI("dim"), c.B("keepdim"));
        t["cumsum"] = c => c[0].Cumsum(c.I("dim"), c.DT("dtype"));
        t["cumprod"] = c => c[0].Cumprod(c.I("dim"), c.DT("dtype"));
        t["softmax"] = c => F.Softmax(c[0], c.I("dim"), c.DT("dtype"));
        t["log_softmax"] = c => F.LogSoftmax(c[0], c.I("dim"), c.DT("dtype"));
    }
}
