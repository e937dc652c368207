namespace Ember.Tests.Tensors;

public class GeneratorStateTests
{
    [Fact]
    public void SetStateReplaysTheSameNumbersIncludingASpareNormal()
    {
        var g = new Generator(42);
        g.NextNormal(); // leaves a spare normal sample in the state
        var state = g.GetState();
        Assert.Equal((DType.UInt8, 49), (state.DType, (int)state.Numel));
        double[] first = [g.NextNormal(), g.NextDouble(), g.NextInt64(0, 1000), g.NextNormal()];
        var other = new Generator(7).SetState(state);
        Assert.Equal(42, other.InitialSeed);
        Assert.Equal(first, new[] { other.NextNormal(), other.NextDouble(), other.NextInt64(0, 1000), other.NextNormal() });
        g.SetState(state);
        Assert.Equal(first, new[] { g.NextNormal(), g.NextDouble(), g.NextInt64(0, 1000), g.NextNormal() });
    }

    [Fact]
    public void TorchRngStateRestoresDropoutAndRandomTensors()
    {
        Torch.ManualSeed(3);
        var state = Torch.GetRngState();
        var a = Torch.Randn(5);
        var m = Ember.NN.F.Dropout(Torch.Ones(20), 0.5);
        Torch.Randn(3); // move on
        Torch.SetRngState(state);
        Assert.True(Torch.Equal(a, Torch.Randn(5)));
        Assert.True(Torch.Equal(m, Ember.NN.F.Dropout(Torch.Ones(20), 0.5)));
    }

    [Fact]
    public void InvalidStatesAreRefused()
    {
        var g = new Generator(1);
        Assert.Throws<ArgumentNullException>(() => g.SetState(null!));
        foreach (var bad in new[] { Torch.Zeros(49), Torch.Zeros([48], DType.UInt8), Torch.Zeros([7, 7], DType.UInt8), Torch.Zeros([49], DType.UInt8) })
            Assert.StartsWith("set_state: ", Assert.Throws<ArgumentException>(() => g.SetState(bad)).Message);
        var flag = g.GetState().ToArray<byte>();
        flag[40] = 2;
        Assert.Throws<ArgumentException>(() => g.SetState(Torch.FromArray(flag, 49)));
        Assert.True(Torch.Equal(new Generator(1).GetState(), g.GetState())); // refused states change nothing
    }
}
