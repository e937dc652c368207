namespace Ember.Tests.Examples;

/// <summary>
/// The seeds' worked example trained with raw tensors and autograd only: a 2-2-2 network with sigmoid
/// hidden and output layers, MSE loss, plain gradient descent with L2 weight decay. Reference losses
/// come from PyTorch (float32).
/// </summary>
public class TwoLayerWorkedExampleTests
{
    [Fact]
    public void MatchesPyTorchLossTrajectory()
    {
        var w1 = Torch.FromArray(new float[,] { { 0.15f, 0.20f }, { 0.25f, 0.30f } }, requiresGrad: true);
        var b1 = Torch.FromArray(new float[] { 0.35f, 0.35f }, requiresGrad: true);
        var w2 = Torch.FromArray(new float[,] { { 0.40f, 0.45f }, { 0.50f, 0.55f } }, requiresGrad: true);
        var b2 = Torch.FromArray(new float[] { 0.60f, 0.60f }, requiresGrad: true);
        var x = Torch.FromArray(new float[,] { { 0.05f, 0.10f } });
        var target = Torch.FromArray(new float[,] { { 0.01f, 0.99f } });
        Tensor[] parameters = [w1, b1, w2, b2];

        var losses = new List<float>();
        for (int step = 0; step < 100; step++)
        {
            var hidden = (x.Matmul(w1.T) + b1).Sigmoid();
            var output = (hidden.Matmul(w2.T) + b2).Sigmoid();
            var loss = ((output - target) * (output - target)).Mean();
            losses.Add(loss.Item<float>());

            foreach (var p in parameters) p.Grad = null;
            loss.Backward();
            using (Torch.NoGrad())
                foreach (var p in parameters)
                {
                    var g = p.Grad! + p * 0.01;      // L2 weight decay: g += 0.01·p
                    p.Sub_(g * 0.1);                 // gradient descent, lr 0.1
                }
        }

        Assert.Equal(0.2983711064, losses[0], 1e-6);
        Assert.Equal(0.2947056592, losses[1], 1e-6);
        Assert.Equal(0.0580847487, losses[99], 1e-6);
    }
}
