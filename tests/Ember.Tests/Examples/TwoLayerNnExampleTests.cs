using Ember.NN;
using Ember.Optim;

namespace Ember.Tests.Examples;

/// <summary>
/// The seeds' worked example built from nn modules: a 2-2-2 network (Linear + Sigmoid twice in a
/// Sequential), MSELoss, SGD with lr 0.1 and weight decay 0.01, 100 steps. Reference losses come from
/// PyTorch 1.13 (float32).
/// </summary>
public class TwoLayerNnExampleTests
{
    [Fact]
    public void MatchesPyTorchLossTrajectory()
    {
        var model = new Sequential(new Linear(2, 2), new Sigmoid(), new Linear(2, 2), new Sigmoid());
        var fc1 = (Linear)model[0];
        var fc2 = (Linear)model[2];
        using (Torch.NoGrad())
        {
            fc1.Weight.Copy_(Torch.FromArray(new float[,] { { 0.15f, 0.20f }, { 0.25f, 0.30f } }));
            fc1.Bias!.Copy_(Torch.FromArray(new float[] { 0.35f, 0.35f }));
            fc2.Weight.Copy_(Torch.FromArray(new float[,] { { 0.40f, 0.45f }, { 0.50f, 0.55f } }));
            fc2.Bias!.Copy_(Torch.FromArray(new float[] { 0.60f, 0.60f }));
        }
        var x = Torch.FromArray(new float[,] { { 0.05f, 0.10f } });
        var target = Torch.FromArray(new float[,] { { 0.01f, 0.99f } });
        var criterion = new MSELoss();
        var optimizer = new SGD(model.Parameters(), lr: 0.1, weightDecay: 0.01);
        Assert.Equal(4, optimizer.ParamGroups[0].Params.Count);

        var losses = new List<float>();
        for (int step = 0; step < 100; step++)
        {
            optimizer.ZeroGrad();
            var loss = criterion.Forward(model.Forward(x), target);
            losses.Add(loss.Item<float>());
            loss.Backward();
            optimizer.Step();
        }

        Assert.Equal(0.2983711064, losses[0], 1e-6);
        Assert.Equal(0.2947056592, losses[1], 1e-6);
        Assert.Equal(0.0580847487, losses[99], 1e-6);
        for (int i = 1; i < losses.Count; i++) Assert.True(losses[i] < losses[i - 1]);
    }
}
