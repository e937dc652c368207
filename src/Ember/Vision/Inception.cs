using Ember.NN;

namespace Ember.Vision;

/// <summary>
/// GoogLeNet's Inception block as d2l builds it (Szegedy et al., 2014): four parallel paths — a 1×1 convolution; 1×1
/// then 3×3; 1×1 then 5×5; 3×3 max pooling then 1×1 — each followed by ReLU, concatenated on the channel axis. The
/// spatial size is kept; the output has <c>c1 + c2.Out + c3.Out + c4</c> channels.
/// </summary>
public sealed partial class Inception : Module<Tensor, Tensor>
{
    private readonly Conv2d _p1_1;
    private readonly Conv2d _p2_1;
    private readonly Conv2d _p2_2;
    private readonly Conv2d _p3_1;
    private readonly Conv2d _p3_2;
    private readonly MaxPool2d _p4_1 = new(kernelSize: 3, stride: 1, padding: 1);
    private readonly Conv2d _p4_2;

    /// <summary>Creates the block.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="c1">Output channels of path 1 (1×1).</param>
    /// <param name="c2">Path 2: channels after its 1×1 reduction and after its 3×3 convolution.</param>
    /// <param name="c3">Path 3: channels after its 1×1 reduction and after its 5×5 convolution.</param>
    /// <param name="c4">Output channels of path 4 (pooling then 1×1).</param>
    /// <exception cref="ArgumentException">A channel count is not positive.</exception>
    public Inception(int inChannels, int c1, (int Reduce, int Out) c2, (int Reduce, int Out) c3, int c4)
    {
        _p1_1 = new Conv2d(inChannels, c1, kernelSize: 1);
        _p2_1 = new Conv2d(inChannels, c2.Reduce, kernelSize: 1);
        _p2_2 = new Conv2d(c2.Reduce, c2.Out, kernelSize: 3, padding: 1);
        _p3_1 = new Conv2d(inChannels, c3.Reduce, kernelSize: 1);
        _p3_2 = new Conv2d(c3.Reduce, c3.Out, kernelSize: 5, padding: 2);
        _p4_2 = new Conv2d(inChannels, c4, kernelSize: 1);
        OutChannels = c1 + c2.Out + c3.Out + c4;
    }

    /// <summary>The number of output channels, c1 + c2.Out + c3.Out + c4.</summary>
    public int OutChannels { get; }

    /// <summary>Runs the four paths and concatenates them.</summary>
    /// <param name="input">[N, inChannels, H, W].</param>
    /// <returns>[N, OutChannels, H, W].</returns>
    public override Tensor Forward(Tensor input)
    {
        var p1 = F.Relu(_p1_1.Call(input));
        var p2 = F.Relu(_p2_2.Call(F.Relu(_p2_1.Call(input))));
        var p3 = F.Relu(_p3_2.Call(F.Relu(_p3_1.Call(input))));
        var p4 = F.Relu(_p4_2.Call(_p4_1.Call(input)));
        return Torch.Cat([p1, p2, p3, p4], 1);
    }
}
