// The seeds' worked example: a 2-2-2 network with sigmoid layers trained by hand-written gradient
// descent on raw tensors. Run: dotnet run --project samples/TwoLayerNet
using Ember;

var w1 = Torch.FromArray(new float[,] { { 0.15f, 0.20f }, { 0.25f, 0.30f } }, requiresGrad: true);
var b1 = Torch.FromArray(new float[] { 0.35f, 0.35f }, requiresGrad: true);
var w2 = Torch.FromArray(new float[,] { { 0.40f, 0.45f }, { 0.50f, 0.55f } }, requiresGrad: true);
var b2 = Torch.FromArray(new float[] { 0.60f, 0.60f }, requiresGrad: true);
var x = Torch.FromArray(new float[,] { { 0.05f, 0.10f } });
var target = Torch.FromArray(new float[,] { { 0.01f, 0.99f } });
Tensor[] parameters = [w1, b1, w2, b2];

for (int step = 0; step < 100; step++)
{
    var hidden = (x.Matmul(w1.T) + b1).Sigmoid();          // PyTorch's Linear: x·Wᵀ + b
    var output = (hidden.Matmul(w2.T) + b2).Sigmoid();
    var loss = ((output - target) * (output - target)).Mean();
    foreach (var p in parameters) p.Grad = null;
    loss.Backward();
    using (Torch.NoGrad())
        foreach (var p in parameters) p.Sub_((p.Grad! + p * 0.01) * 0.1);   // lr 0.1, weight decay 0.01
    if (step < 2 || step % 10 == 9) Console.WriteLine($"step {step,3}: loss {loss.Item():F10}");
}
Console.WriteLine($"output after training: {((x.Matmul(w1.T) + b1).Sigmoid().Matmul(w2.T) + b2).Sigmoid()}");
