using Ember.Kernels;
using Ember.NN;
using Ember.Optim;

namespace Ember.Tests.Kernels;

/// <summary>
/// The floating-point kernel entries (activations, softmax, normalization, PReLU, dropout, initialization, optimizer
/// updates) dispatch on dtype in one place: a dtype outside float32/float64/float16/bfloat16 raises a
/// <see cref="NotSupportedException"/> naming the op and the dtype (never a fallback to the double kernel), while the
/// public ops keep rejecting integers first with their PyTorch-style <see cref="ArgumentException"/>.
/// </summary>
public class FloatDispatchTests
{
    public static TheoryData<DType> NonFloatTypes => new() { DType.Int64, DType.Int32, DType.UInt8, DType.Bool };

    private static Tensor Of(DType dtype, params int[] shape) => Torch.Zeros(shape, dtype);

    private static void Unsupported(string op, DType dtype, Action call)
    {
        var e = Assert.Throws<NotSupportedException>(call);
        Assert.Equal($"{op}: not implemented for dtype {dtype.TorchName()}", e.Message);
    }

    [Theory]
    [MemberData(nameof(NonFloatTypes))]
    public void ActivationAndSoftmaxKernelsRejectNonFloatDtypes(DType dtype)
    {
        var x = Of(dtype, 2, 3);
        Unsupported("elu", dtype, () => ActivationKernel.Forward<EluOp>(x, 1, 0, "elu"));
        Unsupported("gelu", dtype, () => ActivationKernel.Backward<GeluOp>(x, x, 0, 0, "gelu"));
        Unsupported("softplus", dtype, () => ActivationKernel.Forward<SoftplusOp>(x, 1, 20, "softplus"));
        Unsupported("softmax", dtype, () => SoftmaxKernel.Forward(x, 1, log: false, "softmax"));
        Unsupported("log_softmax", dtype, () => SoftmaxBackwardKernel.Backward(x, x, 1, log: true, "log_softmax"));
        Unsupported("prelu", dtype, () => PreluKernel.Run(x, Of(dtype, 1), null, out _));
    }

    [Theory]
    [MemberData(nameof(NonFloatTypes))]
    public void NormalizationKernelsRejectNonFloatDtypes(DType dtype)
    {
        var x = Of(dtype, 2, 3);
        Unsupported("batch_norm", dtype, () => BatchNormKernel.Forward(x, null, null, null, null, true, 0.1, 1e-5, 2, 3, 1, out _));
        var stats = new NormStats(new double[3], new double[3]);
        Unsupported("batch_norm", dtype, () => BatchNormKernel.Backward(x, x, null, stats, true, 2, 3, 1, true, false, false));
        Unsupported("layer_norm", dtype, () => LayerNormKernel.Forward(x, null, null, 2, 3, 1e-5, out _));
        Unsupported("layer_norm", dtype, () => LayerNormKernel.Backward(x, x, null, 2, 3, new NormStats(new double[2], new double[2]), true, true, true));
    }

    [Theory]
    [MemberData(nameof(NonFloatTypes))]
    public void DropoutInitAndOptimizerKernelsRejectNonFloatDtypes(DType dtype)
    {
        Unsupported("dropout", dtype, () => DropoutKernel.Mask([4], dtype, 0.5, new Generator(1)));
        Unsupported("uniform_", dtype, () => InitKernel.Sample([4], dtype, new UniformSampler(new Generator(1), 0, 1), "uniform_"));
        var p = Of(dtype, 4);
        Unsupported("Adam", dtype, () => OptimizerKernel.Update(p, p, p, p, null, new AdamRule(1, 0.1, 0.9, 0.999, 1e-8, 0, false, false, false), "Adam"));
        Unsupported("op", dtype, () =>
        {
            var f = new NoFunc();
            FloatDispatch.Run<NoFunc, bool>(dtype, "op", ref f);
        });
    }

    private struct NoFunc : IFloatFunc<bool>
    {
        public readonly bool Invoke<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => true;
    }

    [Theory]
    [InlineData(DType.Int64)]
    [InlineData(DType.Int32)]
    [InlineData(DType.UInt8)]
    public void OptimizersRejectANonFloatParameterBeforeTouchingItsState(DType dtype)
    {
        foreach (var make in new Func<Tensor[], Optimizer>[] { ps => new SGD(ps, lr: 0.1, momentum: 0.9), ps => new Adam(ps), ps => new RMSprop(ps) })
        {
            var p = Of(dtype, 3);
            p.Grad = Of(dtype, 3);
            var opt = make([p]);
            Unsupported(opt.GetType().Name, dtype, opt.Step);
            Assert.False(opt.State.ContainsKey(p));
        }
    }

    [Theory]
    [MemberData(nameof(NonFloatTypes))]
    public void PublicFloatOpsKeepTheirArgumentErrorsForEveryNonFloatDtype(DType dtype)
    {
        var x = Of(dtype, 2, 3);
        foreach (var (op, call) in new (string, Action)[]
                 {
                     ("softmax", () => Torch.Softmax(x, 1)), ("log_softmax", () => Torch.LogSoftmax(x, 1)), ("elu", () => F.Elu(x)),
                     ("gelu", () => F.Gelu(x)), ("layer_norm", () => F.LayerNorm(x, [3])), ("batch_norm", () => F.BatchNorm(x, null, null, training: true)),
                     ("dropout", () => F.Dropout(x)), ("uniform_", () => Init.Uniform_(x)), ("mse_loss", () => F.MseLoss(x, x)),
                     ("linear", () => F.Linear(x, Of(dtype, 4, 3))),
                 })
        {
            var e = Assert.Throws<ArgumentException>(call);
            Assert.StartsWith(op + ":", e.Message);
            Assert.Contains(dtype.TorchName(), e.Message);
        }
    }

    [Fact]
    public void TheStepCounterTakesAnyNumericDtype()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int64, DType.Int32, DType.BFloat16 })
        {
            var step = Torch.Zeros(new int[0], dtype);
            Assert.Equal(1.0, OptimizerKernel.IncrementStep(step));
            Assert.Equal(2.0, OptimizerKernel.IncrementStep(step));
            Assert.Equal(2.0, step.To(DType.Float64).Item<double>());
        }
        Assert.Throws<InvalidOperationException>(() => OptimizerKernel.IncrementStep(Torch.Zeros(new int[0], DType.Bool)));
    }
}
