using Ember.NN;

namespace Ember.Tests.Autograd;

/// <summary>Torch.InferenceMode against PyTorch 1.13's torch.inference_mode semantics.</summary>
public class InferenceModeTests
{
    [Fact]
    public void Scope_TurnsGradOff_AndRestoresBothModes()
    {
        Assert.False(Torch.IsInferenceModeEnabled);
        using (Torch.InferenceMode())
        {
            Assert.True(Torch.IsInferenceModeEnabled);
            Assert.False(Torch.IsGradEnabled);
            using (Torch.InferenceMode(false))
                Assert.False(Torch.IsInferenceModeEnabled);
            Assert.True(Torch.IsInferenceModeEnabled);
        }
        Assert.False(Torch.IsInferenceModeEnabled);
        Assert.True(Torch.IsGradEnabled);
        using (Torch.NoGrad())
        {
            using (Torch.InferenceMode()) { }
            Assert.False(Torch.IsGradEnabled); // the outer no_grad is still in force
        }
    }

    [Fact]
    public void TensorsMadeInside_AreInferenceTensors_ViewsOfNormalOnesAreNot()
    {
        var normal = Torch.Ones(2, 3);
        Tensor made, view, derived;
        using (Torch.InferenceMode())
        {
            made = Torch.Zeros(2, 3);
            derived = normal * 2;
            view = normal.Narrow(1, 0, 2);
        }
        Assert.True(made.IsInference);
        Assert.True(derived.IsInference);
        Assert.True(made.Narrow(0, 0, 1).IsInference);
        Assert.False(view.IsInference);
        Assert.False(normal.IsInference);
        Assert.False(made.Clone().IsInference);
    }

    [Fact]
    public void NothingIsRecorded_AndTheResultMatchesNoGrad()
    {
        var g = new Generator(1);
        var model = new Sequential(new Linear(5, 4, generator: g), new ReLU(), new Linear(4, 2, generator: g));
        var x = Torch.Randn([3, 5], generator: g);
        float[] expected;
        using (Torch.NoGrad()) expected = model.Call(x).ToArray<float>();
        using (Torch.InferenceMode())
        {
            var y = model.Call(x);
            Assert.False(y.RequiresGrad);
            Assert.Null(y.GradFn);
            Assert.Equal(expected, y.ToArray<float>());
        }
    }

    [Fact]
    public void OutsideInferenceMode_AnInferenceTensorCannotBeSavedForBackward()
    {
        Tensor t;
        using (Torch.InferenceMode()) t = Torch.Ones(3);
        var w = Torch.Ones(3).RequiresGrad_();
        var e = Assert.Throws<InvalidOperationException>(() => t * w);
        Assert.Contains("inference tensors cannot be saved for backward", e.Message);
        // A clone is a normal tensor.
        var y = (t.Clone() * w).Sum();
        y.Backward();
        Assert.Equal(new float[] { 1, 1, 1 }, w.Grad!.ToArray<float>());
        // Ops that save nothing of it, and no-grad use, are fine.
        Assert.Equal(new float[] { 2, 2, 2 }, (t + w).Detach().ToArray<float>());
    }

    [Fact]
    public void OutsideInferenceMode_AnInferenceTensorCannotBeWrittenInPlace_OrRequireGrad()
    {
        Tensor t;
        using (Torch.InferenceMode())
        {
            t = Torch.Zeros(3);
            t.Add_(1); // inside: fine
            t.RequiresGrad_(); // inside: fine, as in PyTorch
            t.RequiresGrad_(false);
        }
        Assert.Equal(new float[] { 1, 1, 1 }, t.ToArray<float>());
        Assert.Contains("inplace update to inference tensor outside InferenceMode", Assert.Throws<InvalidOperationException>(() => t.Add_(1)).Message);
        Assert.Throws<InvalidOperationException>(() => t.Fill_(2.0));
        Assert.Throws<InvalidOperationException>(() => t.Zero_());
        Assert.Throws<InvalidOperationException>(() => t.Copy_(Torch.Ones(3)));
        Assert.Throws<InvalidOperationException>(() => t.IndexPut_(Torch.Scalar(5f), 0));
        Assert.Throws<InvalidOperationException>(() => t.Narrow(0, 0, 2).Mul_(3));
        Assert.Contains("inference tensor outside InferenceMode", Assert.Throws<InvalidOperationException>(() => t.RequiresGrad_()).Message);
        Assert.Equal(new float[] { 1, 1, 1 }, t.ToArray<float>()); // nothing was written
        // A normal tensor can still be updated in place inside inference mode.
        var n = Torch.Zeros(2);
        using (Torch.InferenceMode()) n.Add_(1);
        Assert.Equal(new float[] { 1, 1 }, n.ToArray<float>());
    }
}
