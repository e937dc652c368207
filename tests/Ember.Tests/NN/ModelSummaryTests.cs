using Ember.NN;
using Ember.Vision;

namespace Ember.Tests.NN;

/// <summary>
/// <see cref="ModelSummary"/> against torchinfo: every expected table and number below was printed by torchinfo
/// (its GitHub source at HEAD, run with Debian's PyTorch 1.13 and torchvision 0.14) on the same architectures.
/// </summary>
public partial class ModelSummaryTests
{
    private static Sequential Mlp() => new(new Flatten(), new Linear(784, 256), new ReLU(), new Linear(256, 10));

    private static readonly SummaryFormat MacsColumns = new() { Columns = [SummaryColumn.OutputSize, SummaryColumn.NumParams, SummaryColumn.MultAdds] };

    [Fact]
    public void MlpPrintsTorchinfosDefaultTable()
    {
        var s = ModelSummary.Of(Mlp(), 2, 1, 28, 28);
        Assert.Equal("""
            ==========================================================================================
            Layer (type:depth-idx)                   Output Shape              Param #
            ==========================================================================================
            Sequential                               [2, 10]                   --
            ├─Flatten: 1-1                           [2, 784]                  --
            ├─Linear: 1-2                            [2, 256]                  200,960
            ├─ReLU: 1-3                              [2, 256]                  --
            ├─Linear: 1-4                            [2, 10]                   2,570
            ==========================================================================================
            Total params: 203,530
            Trainable params: 203,530
            Non-trainable params: 0
            Total mult-adds (k): 407.06
            ==========================================================================================
            Input size (kB): 6.33
            Forward/backward pass size (kB): 4.26
            Params size (kB): 814.12
            Estimated Total Size (kB): 824.70
            ==========================================================================================
            """, s.ToString());
        Assert.Equal((203530L, 203530L, 0L, 407060L), (s.TotalParams, s.TrainableParams, s.NonTrainableParams, s.TotalMultAdds));
        Assert.Equal((6328L, 4256L, 814120L, 824704L), (s.InputBytes, s.ForwardBackwardPassBytes, s.ParamsBytes, s.EstimatedTotalBytes));
        Assert.Equal(0.824704, s.EstimatedTotalSizeMB, 12);
        Assert.Equal([new Size(2, 1, 28, 28)], s.InputShapes);
    }

    [Fact]
    public void MlpPrintsEveryColumnWithVariableNames()
    {
        var s = ModelSummary.Of(Mlp(), 2, 1, 28, 28);
        var format = new SummaryFormat
        {
            Columns = [SummaryColumn.InputSize, SummaryColumn.OutputSize, SummaryColumn.NumParams, SummaryColumn.ParamsPercent, SummaryColumn.MultAdds, SummaryColumn.Trainable],
            ShowVarNames = true,
        };
        Assert.Equal("""
            ==============================================================================================================================================================================================
            Layer (type (var_name):depth-idx)        Input Shape               Output Shape              Param #                   Param %                   Mult-Adds                 Trainable
            ==============================================================================================================================================================================================
            Sequential (Sequential)                  [2, 1, 28, 28]            [2, 10]                   --                             --                   --                        True
            ├─Flatten (0): 1-1                       [2, 1, 28, 28]            [2, 784]                  --                             --                   --                        --
            ├─Linear (1): 1-2                        [2, 784]                  [2, 256]                  200,960                    98.74%                   401,920                   True
            ├─ReLU (2): 1-3                          [2, 256]                  [2, 256]                  --                             --                   --                        --
            ├─Linear (3): 1-4                        [2, 256]                  [2, 10]                   2,570                       1.26%                   5,140                     True
            ==============================================================================================================================================================================================
            Total params: 203,530
            Trainable params: 203,530
            Non-trainable params: 0
            Total mult-adds (k): 407.06
            ==============================================================================================================================================================================================
            Input size (kB): 6.33
            Forward/backward pass size (kB): 4.26
            Params size (kB): 814.12
            Estimated Total Size (kB): 824.70
            ==============================================================================================================================================================================================
            """, s.ToString(format));
        var fc1 = s.Layers[2];
        Assert.Equal(("Linear", "1", 1, 2), (fc1.TypeName, fc1.VarName, fc1.Depth, fc1.DepthIndex));
        Assert.Equal((200960L, 200960L, 401920L, LayerTrainability.Trainable), (fc1.NumParams, fc1.OwnParams, fc1.MultAdds, fc1.Trainable));
    }

    [Fact]
    public void LeNetMatchesTorchinfoWithMultAdds()
    {
        var s = ModelSummary.Of(Models.LeNet(), 1, 1, 28, 28);
        Assert.Equal("""
            ===================================================================================================================
            Layer (type:depth-idx)                   Output Shape              Param #                   Mult-Adds
            ===================================================================================================================
            Sequential                               [1, 10]                   --                        --
            ├─Conv2d: 1-1                            [1, 6, 28, 28]            156                       122,304
            ├─Sigmoid: 1-2                           [1, 6, 28, 28]            --                        --
            ├─AvgPool2d: 1-3                         [1, 6, 14, 14]            --                        --
            ├─Conv2d: 1-4                            [1, 16, 10, 10]           2,416                     241,600
            ├─Sigmoid: 1-5                           [1, 16, 10, 10]           --                        --
            ├─AvgPool2d: 1-6                         [1, 16, 5, 5]             --                        --
            ├─Flatten: 1-7                           [1, 400]                  --                        --
            ├─Linear: 1-8                            [1, 120]                  48,120                    48,120
            ├─Sigmoid: 1-9                           [1, 120]                  --                        --
            ├─Linear: 1-10                           [1, 84]                   10,164                    10,164
            ├─Sigmoid: 1-11                          [1, 84]                   --                        --
            ├─Linear: 1-12                           [1, 10]                   850                       850
            ===================================================================================================================
            Total params: 61,706
            Trainable params: 61,706
            Non-trainable params: 0
            Total mult-adds (k): 423.04
            ===================================================================================================================
            Input size (kB): 3.19
            Forward/backward pass size (kB): 52.14
            Params size (kB): 246.82
            Estimated Total Size (kB): 302.16
            ===================================================================================================================
            """, s.ToString(MacsColumns));
        Assert.Equal((61706L, 423038L, 3192L, 52144L, 246824L), (s.TotalParams, s.TotalMultAdds, s.InputBytes, s.ForwardBackwardPassBytes, s.ParamsBytes));
    }

    [Fact]
    public void ResNet18MatchesTorchinfoAt224()
    {
        var s = ModelSummary.Of(Models.ResNet18(), 1, 3, 224, 224);
        Assert.Equal("""
            ==========================================================================================
            Layer (type:depth-idx)                   Output Shape              Param #
            ==========================================================================================
            ResNet                                   [1, 1000]                 --
            ├─Conv2d: 1-1                            [1, 64, 112, 112]         9,408
            ├─BatchNorm2d: 1-2                       [1, 64, 112, 112]         128
            ├─ReLU: 1-3                              [1, 64, 112, 112]         --
            ├─MaxPool2d: 1-4                         [1, 64, 56, 56]           --
            ├─Sequential: 1-5                        [1, 64, 56, 56]           147,968
            ├─Sequential: 1-6                        [1, 128, 28, 28]          525,568
            ├─Sequential: 1-7                        [1, 256, 14, 14]          2,099,712
            ├─Sequential: 1-8                        [1, 512, 7, 7]            8,393,728
            ├─AdaptiveAvgPool2d: 1-9                 [1, 512, 1, 1]            --
            ├─Linear: 1-10                           [1, 1000]                 513,000
            ==========================================================================================
            Total params: 11,689,512
            Trainable params: 11,689,512
            Non-trainable params: 0
            Total mult-adds (G): 1.81
            ==========================================================================================
            Input size (kB): 602.17
            Forward/backward pass size (MB): 39.75
            Params size (MB): 46.76
            Estimated Total Size (MB): 87.11
            ==========================================================================================
            """, s.ToString(new SummaryFormat { Depth = 1 }));
        Assert.Equal((11689512L, 1814083944L), (s.TotalParams, s.TotalMultAdds));
        Assert.Equal((602168L, 39747392L, 46758048L), (s.InputBytes, s.ForwardBackwardPassBytes, s.ParamsBytes));
        // Every module call is a row: 1 + 9 at depth 1, 8 blocks, and inside them 8 × (conv, bn, relu, conv, bn, relu) + 3 downsamples of 3 rows.
        Assert.Equal(10 + 1 + 8 + 8 * 6 + 3 * 3, s.Layers.Count);
        Assert.Equal(8, s.Layers.Count(l => l.TypeName == "BasicBlock" && l.Depth == 2));
    }

    private sealed partial class LstmNet : Module<Tensor, (Tensor, (Tensor H, Tensor C))>
    {
        private readonly Embedding _embedding = new(20, 30);
        private readonly LSTM _encoder = new(30, 40, numLayers: 2);
        private readonly Linear _decoder = new(40, 20);

        public override (Tensor, (Tensor H, Tensor C)) Forward(Tensor x)
        {
            var (output, hidden) = _encoder.Call(_embedding.Call(x));
            var y = _decoder.Call(output);
            return (y.Reshape(-1, 20), hidden);
        }
    }

    [Fact]
    public void LstmModelOnInt64InputMatchesTorchinfo()
    {
        var s = ModelSummary.Of(new LstmNet(), [1, 100], DType.Int64);
        Assert.Equal("""
            ===================================================================================================================
            Layer (type:depth-idx)                   Output Shape              Param #                   Mult-Adds
            ===================================================================================================================
            LstmNet                                  [100, 20]                 --                        --
            ├─Embedding: 1-1                         [1, 100, 30]              600                       600
            ├─LSTM: 1-2                              [1, 100, 40]              24,640                    2,464,000
            ├─Linear: 1-3                            [1, 100, 20]              820                       82,000
            ===================================================================================================================
            Total params: 26,060
            Trainable params: 26,060
            Non-trainable params: 0
            Total mult-adds (M): 2.55
            ===================================================================================================================
            Input size: 856
            Forward/backward pass size (kB): 72
            Params size (kB): 104.24
            Estimated Total Size (kB): 177.10
            ===================================================================================================================
            """, s.ToString(MacsColumns));
        Assert.Equal((26060L, 2546600L, 856L, 72000L, 104240L), (s.TotalParams, s.TotalMultAdds, s.InputBytes, s.ForwardBackwardPassBytes, s.ParamsBytes));
        var lstm = s.Layers[2];
        Assert.Equal([new Size(1, 100, 40), new Size(2, 100, 40), new Size(2, 100, 40)], lstm.OutputShapes);
        Assert.Equal([new Size(100, 20), new Size(2, 100, 40), new Size(2, 100, 40)], s.Layers[0].OutputShapes);
    }

    [Fact]
    public void EmbeddingAloneIsTheRootRow()
    {
        var s = ModelSummary.Of(new Embedding(10, 3), [2, 5], DType.Int64);
        Assert.Equal("""
            ===================================================================================================================
            Layer (type:depth-idx)                   Output Shape              Param #                   Mult-Adds
            ===================================================================================================================
            Embedding                                [2, 5, 3]                 30                        60
            ===================================================================================================================
            Total params: 30
            Trainable params: 30
            Non-trainable params: 0
            Total mult-adds: 60
            ===================================================================================================================
            Input size: 136
            Forward/backward pass size: 240
            Params size: 120
            Estimated Total Size: 496
            ===================================================================================================================
            """, s.ToString(MacsColumns));
    }

    [Fact]
    public void FrozenParametersAreNonTrainable()
    {
        var model = Mlp();
        foreach (var p in model[1].Parameters()) p.RequiresGrad = false;
        ((Linear)model[3]).Bias!.RequiresGrad = false;
        var s = ModelSummary.Of(model, 2, 1, 28, 28);
        Assert.Equal("""
            ===================================================================================================================
            Layer (type:depth-idx)                   Output Shape              Param #                   Trainable
            ===================================================================================================================
            Sequential                               [2, 10]                   --                        Partial
            ├─Flatten: 1-1                           [2, 784]                  --                        --
            ├─Linear: 1-2                            [2, 256]                  (200,960)                 False
            ├─ReLU: 1-3                              [2, 256]                  --                        --
            ├─Linear: 1-4                            [2, 10]                   2,570                     Partial
            ===================================================================================================================
            Total params: 203,530
            Trainable params: 2,560
            Non-trainable params: 200,970
            Total mult-adds (k): 407.06
            ===================================================================================================================
            Input size (kB): 6.33
            Forward/backward pass size (kB): 4.26
            Params size (kB): 814.12
            Estimated Total Size (kB): 824.70
            ===================================================================================================================
            """, s.ToString(new SummaryFormat { Columns = [SummaryColumn.OutputSize, SummaryColumn.NumParams, SummaryColumn.Trainable] }));
        Assert.Equal((203530L, 2560L, 200970L), (s.TotalParams, s.TrainableParams, s.NonTrainableParams));
        Assert.Equal(LayerTrainability.NonTrainable, s.Layers[2].Trainable);
        Assert.Equal(LayerTrainability.NoParameters, s.Layers[1].Trainable);
    }

    private sealed partial class Twice : Module<Tensor, Tensor>
    {
        private readonly Linear _fc = new(8, 8);
        private readonly Linear _out = new(8, 2);

        public override Tensor Forward(Tensor x) => _out.Call(_fc.Call(_fc.Call(x)));
    }

    [Fact]
    public void AModuleCalledTwiceIsRecursiveAndItsParametersCountOnce()
    {
        var s = ModelSummary.Of(new Twice(), 3, 8);
        Assert.Equal("""
            ===================================================================================================================
            Layer (type:depth-idx)                   Output Shape              Param #                   Mult-Adds
            ===================================================================================================================
            Twice                                    [3, 2]                    --                        --
            ├─Linear: 1-1                            [3, 8]                    72                        216
            ├─Linear: 1-2                            [3, 8]                    (recursive)               216
            ├─Linear: 1-3                            [3, 2]                    18                        54
            ===================================================================================================================
            Total params: 90
            Trainable params: 90
            Non-trainable params: 0
            Total mult-adds: 486
            ===================================================================================================================
            Input size: 152
            Forward/backward pass size: 432
            Params size: 360
            Estimated Total Size: 944
            ===================================================================================================================
            """, s.ToString(MacsColumns));
        Assert.True(s.Layers[2].IsRecursive);
        Assert.False(s.Layers[1].IsRecursive);
    }

    private sealed partial class ListNet : Module<Tensor, Tensor>
    {
        private readonly ModuleList<Module<Tensor, Tensor>> _layers = new(new Linear(4, 6), new ReLU(), new Linear(6, 3));
        private readonly Sequential _head = new(new Linear(3, 2), new Sequential(new Tanh(), new Linear(2, 2)));

        public override Tensor Forward(Tensor x)
        {
            foreach (var layer in _layers) x = layer.Call(x);
            return _head.Call(x);
        }
    }

    [Fact]
    public void ContainersThatAreNeverCalledAreShownAboveTheirChildren()
    {
        var s = ModelSummary.Of(new ListNet(), 5, 4);
        Assert.Equal("""
            ===================================================================================================================
            Layer (type:depth-idx)                   Output Shape              Param #                   Mult-Adds
            ===================================================================================================================
            ListNet                                  [5, 2]                    --                        --
            ├─ModuleList: 1-1                        --                        --                        --
            │    └─Linear: 2-1                       [5, 6]                    30                        150
            │    └─ReLU: 2-2                         [5, 6]                    --                        --
            │    └─Linear: 2-3                       [5, 3]                    21                        105
            ├─Sequential: 1-2                        [5, 2]                    --                        --
            │    └─Linear: 2-4                       [5, 2]                    8                         40
            │    └─Sequential: 2-5                   [5, 2]                    --                        --
            │    │    └─Tanh: 3-1                    [5, 2]                    --                        --
            │    │    └─Linear: 3-2                  [5, 2]                    6                         30
            ===================================================================================================================
            Total params: 65
            Trainable params: 65
            Non-trainable params: 0
            Total mult-adds: 325
            ===================================================================================================================
            Input size: 136
            Forward/backward pass size: 520
            Params size: 260
            Estimated Total Size: 916
            ===================================================================================================================
            """, s.ToString(MacsColumns));
        Assert.Equal("""
            ===================================================================================================================
            Layer (type:depth-idx)                   Output Shape              Param #                   Mult-Adds
            ===================================================================================================================
            ListNet                                  [5, 2]                    --                        --
            ├─ModuleList: 1-1                        --                        51                        --
            ├─Sequential: 1-2                        [5, 2]                    14                        70
            ===================================================================================================================
            Total params: 65
            Trainable params: 65
            Non-trainable params: 0
            Total mult-adds: 325
            ===================================================================================================================
            Input size: 136
            Forward/backward pass size: 520
            Params size: 260
            Estimated Total Size: 916
            ===================================================================================================================
            """, s.ToString(MacsColumns with { Depth = 1 }));
    }

    [Fact]
    public void TreeListsTheModulesWithoutAnInput()
    {
        Assert.Equal("""
            =================================================================
            Layer (type:depth-idx)                   Param #
            =================================================================
            ListNet                                  --
            ├─ModuleList: 1-1                        --
            │    └─Linear: 2-1                       30
            │    └─ReLU: 2-2                         --
            │    └─Linear: 2-3                       21
            ├─Sequential: 1-2                        --
            │    └─Linear: 2-4                       8
            │    └─Sequential: 2-5                   --
            │    │    └─Tanh: 3-1                    --
            │    │    └─Linear: 3-2                  6
            =================================================================
            Total params: 65
            Trainable params: 65
            Non-trainable params: 0
            =================================================================
            """, ModelSummary.Tree(new ListNet()).ToString());
    }

    [Fact]
    public void TheModesAreRestoredAndTheForwardRunsInEvalModeWithoutGrad()
    {
        var model = new Sequential(new Linear(4, 4), new BatchNorm1d(4), new Dropout(0.5));
        model[2].Eval(); // mixed modes: the root trains, the dropout does not
        var modes = new List<bool>();
        model[1].RegisterForwardHook((m, x, y) => { modes.Add(m.Training); modes.Add(y.RequiresGrad); });
        var mean = model[1].Buffers().First().ToArray<float>();

        ModelSummary.Of(model, 3, 4);
        Assert.Equal([false, false], modes);
        Assert.Equal([true, true, true, false], model.Modules().Select(m => m.Training));
        Assert.Equal(mean, model[1].Buffers().First().ToArray<float>()); // batch norm's running mean untouched in eval mode

        modes.Clear();
        ModelSummary.Of(model, [3, 4], DType.Float32, eval: false);
        Assert.Equal([true, false], modes);
        Assert.Equal([true, true, true, false], model.Modules().Select(m => m.Training));
    }

    [Fact]
    public void ABadInputShapeRaisesTheLayersOwnErrorAndLeavesTheModelAsItWas()
    {
        var model = Mlp();
        var ex = Assert.ThrowsAny<ArgumentException>(() => ModelSummary.Of(model, 2, 1, 28, 27));
        Assert.Contains("[2, 756]", ex.Message);
        Assert.True(model.Training);
        Assert.True(model.Modules().All(m => m.Training));
        // The hooks are gone: a later summary has one row per call, and a plain call still works.
        Assert.Equal(5, ModelSummary.Of(model, 2, 784).Layers.Count);
        Assert.Equal(new Size(2, 10), model.Call(Torch.Rand(2, 784)).Shape);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelSummary.Of(Mlp(), 2, 0, 28));
        Assert.StartsWith("summary: the input shape must have positive dimensions, got [2, 0, 28]", e.Message);
        Assert.Throws<ArgumentException>(() => ModelSummary.Of(Mlp()));
        Assert.Throws<ArgumentNullException>(() => ModelSummary.Of<Tensor>(null!, 2, 3));
        var s = ModelSummary.Of(Mlp(), 1, 784);
        var w = Assert.Throws<ArgumentOutOfRangeException>(() => s.ToString(new SummaryFormat { ColumnWidth = 0 }));
        Assert.StartsWith("summary: column width must be greater than 0", w.Message);
    }
}
