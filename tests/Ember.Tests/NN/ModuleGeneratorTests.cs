using System.Collections.Immutable;
using Ember.Generators;
using Ember.NN;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ember.Tests.NN;

/// <summary>Ember's module generator run on real compilations: what it generates and what it reports.</summary>
public class ModuleGeneratorTests
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "System.dll" or "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(Module).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    private sealed record Result(ImmutableArray<Diagnostic> Diagnostics, string[] Sources, ImmutableArray<Diagnostic> CompileErrors);

    private static Result Run(string source)
    {
        var tree = CSharpSyntaxTree.ParseText("using Ember;\nusing Ember.NN;\n" + source, new CSharpParseOptions(LanguageVersion.Latest), path: "Net.cs");
        var compilation = CSharpCompilation.Create("App", [tree], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new ModuleFieldsGenerator());
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var run = driver.GetRunResult();
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return new Result(run.Diagnostics, run.GeneratedTrees.Select(t => t.ToString()).ToArray(), errors);
    }

    /// <summary>A diagnostic as "ID Severity line N: message", N counted from the first line of the test's source.</summary>
    private static string Line(Diagnostic d) => $"{d.Id} {d.Severity} line {d.Location.GetLineSpan().StartLinePosition.Line - 2}: {d.GetMessage()}";

    [Fact]
    public void UnregisteredMembersOfANonPartialModuleAreErrorsNamingTheMember()
    {
        var r = Run("""
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Linear _fc1 = new(2, 2);
                private readonly Linear _fc2;
                public Parameter Scale { get; } = new(Torch.Ones(1));
                public Net() { _fc2 = RegisterModule("fc2", new Linear(2, 2)); }
                public override Tensor Forward(Tensor x) => _fc2.Call(_fc1.Call(x)) * Scale;
            }
            """);
        Assert.Equal(
        [
            "EMBER001 Error line 2: Module 'Net' has field '_fc1' of type Linear that is not registered, so Parameters(), StateDict(), To() and Train() " +
            "would silently leave it out; make 'Net' partial (the Ember generator then registers it) or assign it from RegisterModule(\"name\", ...)",
            "EMBER001 Error line 4: Module 'Net' has property 'Scale' of type Parameter that is not registered, so Parameters(), StateDict(), To() and Train() " +
            "would silently leave it out; make 'Net' partial (the Ember generator then registers it) or assign it from RegisterParameter(\"name\", ...)",
        ], r.Diagnostics.Select(Line));
        Assert.Empty(r.Sources);
        Assert.Empty(r.CompileErrors); // the code itself compiles: only the generator objects
    }

    [Fact]
    public void EveryWayOfRegisteringExplicitlyIsRecognized()
    {
        var r = Run("""
            using System.Collections.Generic;
            public sealed class Net : Module<Tensor, Tensor>
            {
                private Parameter _weight;                              // through a property setter, as Linear
                private readonly Parameter? _bias;                      // through a conditional
                public Linear Encoder { get; }                          // a get-only auto-property set in the constructor
                private readonly Linear _decoder = new(2, 2);           // passed to RegisterModule
                private readonly List<Linear> _list = new();            // each element registered as it is added
                private readonly Linear[] _array = new Linear[2];       // element assignment
                private readonly Sequential _seq;                       // through a cast and a null-forgiving operator
                [NotRegistered] private readonly Linear _teacher = new(2, 2);
                private readonly Tensor _constant = Torch.Ones(2);      // plain tensors are never registered
                public Net(bool bias)
                {
                    _weight = RegisterParameter("weight", new Parameter(Torch.Ones(2)));
                    _bias = bias ? RegisterParameter("bias", new Parameter(Torch.Zeros(2))) : null;
                    Encoder = RegisterModule("encoder", new Linear(2, 2));
                    RegisterModule("decoder", _decoder);
                    _list.Add(RegisterModule("l0", new Linear(2, 2)));
                    for (int i = 0; i < 2; i++) _array[i] = RegisterModule($"a{i}", new Linear(2, 2));
                    _seq = (Sequential)RegisterModule("seq", new Sequential())!;
                }
                public Parameter Weight { get => _weight; set => _weight = RegisterParameter("weight", value); }
                public override Tensor Forward(Tensor x) => _seq.Call(_decoder.Call(Encoder.Call(x))) * _weight + (_bias ?? _constant) + _teacher.Call(x);
            }
            """);
        Assert.Empty(r.Diagnostics);
        Assert.Empty(r.Sources);
        Assert.Empty(r.CompileErrors);
    }

    [Fact]
    public void APartialModuleGetsItsMembersRegisteredInDeclarationOrder()
    {
        var r = Run("""
            namespace App
            {
                public partial class Outer
                {
                    internal sealed partial class Net<T> : Module<Tensor, Tensor> where T : Module<Tensor, Tensor>
                    {
                        private readonly T _inner;
                        public Linear RunningMeanLayer { get; } = new(2, 2);
                        private readonly Parameter? m_outputScale = null;
                        private readonly Linear _explicit;
                        private static readonly Linear Shared = new(2, 2);
                        public Net(T inner) { _inner = inner; _explicit = RegisterModule("head", new Linear(2, 2)); }
                        public override Tensor Forward(Tensor x) => _explicit.Call(RunningMeanLayer.Call(_inner.Call(x)));
                    }
                }
            }
            """);
        Assert.Empty(r.Diagnostics);
        Assert.Empty(r.CompileErrors);
        Assert.Equal(
            """
            // <auto-generated/> by Ember.Generators: registers the Module and Parameter members of this partial module.
            #nullable enable
            namespace App
            {
                partial class Outer
                {
                    partial class Net<T>
                    {
                        /// <inheritdoc/>
                        [global::System.CodeDom.Compiler.GeneratedCode("Ember.Generators", "1.0.0")]
                        protected override void CollectFields(global::Ember.NN.ModuleFields fields)
                        {
                            base.CollectFields(fields);
                            fields.Module("inner", "_inner", this.@_inner);
                            fields.Module("running_mean_layer", "RunningMeanLayer", this.@RunningMeanLayer);
                            fields.Parameter("output_scale", "m_outputScale", this.@m_outputScale);
                        }
                    }
                }
            }

            """.ReplaceLineEndings("\n"),
            Assert.Single(r.Sources).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void APartialModuleInANonPartialTypeCannotBeGeneratedAndIsReported()
    {
        var r = Run("""
            public class Outer
            {
                public sealed partial class Net : Module<Tensor, Tensor>
                {
                    private readonly Linear _fc = new(2, 2);
                    public override Tensor Forward(Tensor x) => _fc.Call(x);
                }
            }
            """);
        Assert.Equal("EMBER001", Assert.Single(r.Diagnostics).Id);
        Assert.Empty(r.Sources);
    }

    [Fact]
    public void PlainCollectionsOfModulesAreWarnedAbout()
    {
        var r = Run("""
            using System.Collections.Generic;
            public sealed partial class Net : Module<Tensor, Tensor>
            {
                private readonly List<Linear> _layers = new() { new(2, 2) };
                private readonly Dictionary<string, Parameter> _extra = new();
                private readonly Linear[] _heads = [new(2, 2)];
                private readonly ModuleList<Linear> _registered = new(new Linear(2, 2));
                public override Tensor Forward(Tensor x) => _registered[0].Call(_heads[0].Call(_layers[0].Call(x))) * _extra.Count;
            }
            """);
        Assert.Equal(
        [
            "EMBER002 Warning line 3: Module 'Net' has field '_layers' of type List<Linear>, whose modules or parameters are never registered; " +
            "use ModuleList<T>/ModuleDict<T>, register each element, or mark it [NotRegistered]",
            "EMBER002 Warning line 4: Module 'Net' has field '_extra' of type Dictionary<string, Parameter>, whose modules or parameters are never registered; " +
            "use ModuleList<T>/ModuleDict<T>, register each element, or mark it [NotRegistered]",
            "EMBER002 Warning line 5: Module 'Net' has field '_heads' of type Linear[], whose modules or parameters are never registered; " +
            "use ModuleList<T>/ModuleDict<T>, register each element, or mark it [NotRegistered]",
        ], r.Diagnostics.Select(Line));
        Assert.Contains("fields.Module(\"registered\", \"_registered\", this.@_registered);", Assert.Single(r.Sources));
    }

    [Fact]
    public void TwoMembersWithTheSameRegisteredNameAreAnError()
    {
        var r = Run("""
            public sealed partial class Net : Module<Tensor, Tensor>
            {
                private readonly Linear _fc = new(2, 2);
                public Linear Fc => _fc;
                public Linear FC { get; } = new(2, 2);
                private readonly Linear fc = new(2, 2);
                public override Tensor Forward(Tensor x) => fc.Call(FC.Call(_fc.Call(x)));
            }
            """);
        // FC → "fc" too: acronyms stay together.
        Assert.Equal(
        [
            "EMBER003 Error line 4: Module 'Net': '_fc' and 'FC' would both be registered as 'fc'; rename one, register one explicitly, or mark one [NotRegistered]",
            "EMBER003 Error line 5: Module 'Net': '_fc' and 'fc' would both be registered as 'fc'; rename one, register one explicitly, or mark one [NotRegistered]",
        ], r.Diagnostics.Select(Line));
        Assert.Contains("fields.Module(\"fc\", \"_fc\", this.@_fc);", Assert.Single(r.Sources));
    }

    [Fact]
    public void ClassesThatAreNotModulesAreLeftAlone()
    {
        var r = Run("""
            public sealed class Holder
            {
                private readonly Linear _fc = new(2, 2);
                public Linear Fc => _fc;
            }
            public static class Factory { public static Linear Make() => new(2, 2); }
            """);
        Assert.Empty(r.Diagnostics);
        Assert.Empty(r.Sources);
    }

    [Theory]
    [InlineData("_fc1", "fc1")]
    [InlineData("fc1", "fc1")]
    [InlineData("Fc1", "fc1")]
    [InlineData("RunningMean", "running_mean")]
    [InlineData("_runningMean", "running_mean")]
    [InlineData("m_layer", "layer")]
    [InlineData("s_cache", "cache")]
    [InlineData("__hidden", "hidden")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("IOLayer", "io_layer")]
    [InlineData("BN1", "bn1")]
    [InlineData("Conv2d", "conv2d")]
    [InlineData("layer_2", "layer_2")]
    [InlineData("Layer2Norm", "layer2_norm")]
    [InlineData("weightIH_L0", "weight_ih_l0")]
    public void MemberNamesBecomePyTorchNames(string member, string expected) => Assert.Equal(expected, Naming.ToPyTorchName(member));
}
