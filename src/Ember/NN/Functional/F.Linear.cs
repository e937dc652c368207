namespace Ember.NN;

/// <summary>
/// The functional forms of the layers (PyTorch's <c>torch.nn.functional</c>): stateless functions that
/// take their weights as arguments. Every layer's <c>Forward</c> calls its twin here. float16 and bfloat16 inputs
/// are computed in float32 and the result rounded back once (linear layers, activations, normalization, softmax,
/// dropout and losses), so a float16/bfloat16 result is the float32 computation rounded.
/// </summary>
public static partial class F
{
    /// <summary>
    /// Applies an affine map to the last dimension, y = x·Wᵀ + b (PyTorch's <c>F.linear</c>). The transposed
    /// weight is read in place by the matrix product, without copying.
    /// </summary>
    /// <param name="input">The input [*, in_features] (at least 1-D; any leading dimensions).</param>
    /// <param name="weight">The weight [out_features, in_features], same dtype as <paramref name="input"/>.</param>
    /// <param name="bias">The bias [out_features] (or anything that broadcasts to it), or null for none (default).</param>
    /// <returns>The output [*, out_features].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="weight"/> is null.</exception>
    /// <exception cref="ArgumentException">The weight is not 2-D; the input is 0-d; the input's last dimension differs
    /// from in_features (e.g. <c>linear: input [2, 5] has 5 features in its last dimension, expected in_features=4
    /// (mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3))</c>); the bias does not broadcast to [out_features];
    /// or the dtypes differ or are not floating point.</exception>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Dim != 2)
            throw new ArgumentException($"linear: weight must be 2-D [out_features, in_features], got shape {weight.Shape}", nameof(weight));
        int outFeatures = weight.ShapeArray[0], inFeatures = weight.ShapeArray[1];
        if (input.Dim == 0)
            throw new ArgumentException($"linear: input must be at least 1-D [*, in_features={inFeatures}], got a 0-d tensor", nameof(input));
        int rows = LeadingRows(input);
        int last = input.ShapeArray[^1];
        if (last != inFeatures)
            throw new ArgumentException(
                $"linear: input {input.Shape} has {last} features in its last dimension, expected in_features={inFeatures} " +
                $"(mat1 and mat2 shapes cannot be multiplied ({rows}x{last} and {inFeatures}x{outFeatures}))", nameof(input));
        CheckFloat("linear", input, nameof(input), weight, nameof(weight));
        if (bias is not null) CheckBias("linear", bias, outFeatures, input.DType);
        // float16/bfloat16: multiplied and accumulated in float32 (differentiably) and rounded back once
        if (input.DType.IsReducedFloat())
            return Linear(input.To(DType.Float32), weight.To(DType.Float32), bias?.To(DType.Float32)).To(input.DType);

        // Inference mode: bias and product in one pass, the weight packed once.
        if (Autograd.InferenceMode.IsEnabled && input.Dim >= 2 && Kernels.LinearInference.TryForward(input.Dim == 2 ? input : input.Reshape(rows, inFeatures), weight, bias) is { } fast)
            return input.Dim == 2 ? fast : fast.View([.. input.ShapeArray[..^1], outFeatures]);
        // With a 1-D bias: one op, the bias added in place and the weight's gradient made in its own layout.
        if (input.Dim >= 2 && bias is { Dim: 1 } && bias.IsContiguous && bias.Numel == outFeatures)
            return input.Dim == 2 ? Torch.LinearAddmm(input, weight, bias)
                : Torch.LinearAddmm(input.Reshape(rows, inFeatures), weight, bias).View([.. input.ShapeArray[..^1], outFeatures]);
        Tensor y = input.Dim <= 2
            ? input.Matmul(weight.T)
            : input.Reshape(rows, inFeatures).Matmul(weight.T).View([.. input.ShapeArray[..^1], outFeatures]);
        return bias is null ? y : y + bias;
    }

    /// <summary>
    /// Applies a bilinear map, y[…, k] = Σᵢⱼ x1[…, i]·A[k, i, j]·x2[…, j] + b[k] (PyTorch's <c>F.bilinear</c>).
    /// </summary>
    /// <param name="input1">The first input [*, in1_features] (at least 1-D).</param>
    /// <param name="input2">The second input [*, in2_features], with the same leading dimensions as <paramref name="input1"/>.</param>
    /// <param name="weight">The weight A [out_features, in1_features, in2_features], same dtype as the inputs.</param>
    /// <param name="bias">The bias [out_features] (or anything that broadcasts to it), or null for none (default).</param>
    /// <returns>The output [*, out_features].</returns>
    /// <exception cref="ArgumentNullException">An input or the weight is null.</exception>
    /// <exception cref="ArgumentException">The weight is not 3-D; an input is 0-d; the inputs' leading dimensions differ;
    /// an input's last dimension does not match the weight; the bias does not broadcast to [out_features]; or the
    /// dtypes differ or are not floating point.</exception>
    public static Tensor Bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input1);
        ArgumentNullException.ThrowIfNull(input2);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Dim != 3)
            throw new ArgumentException($"bilinear: weight must be 3-D [out_features, in1_features, in2_features], got shape {weight.Shape}", nameof(weight));
        int outFeatures = weight.ShapeArray[0], in1 = weight.ShapeArray[1], in2 = weight.ShapeArray[2];
        if (input1.Dim == 0 || input2.Dim == 0)
            throw new ArgumentException($"bilinear: inputs must be at least 1-D, got shapes {input1.Shape} and {input2.Shape}");
        if (!input1.ShapeArray.AsSpan(0, input1.Dim - 1).SequenceEqual(input2.ShapeArray.AsSpan(0, input2.Dim - 1)))
            throw new ArgumentException(
                $"bilinear: input1 {input1.Shape} and input2 {input2.Shape} must have the same leading (batch) dimensions", nameof(input2));
        if (input1.ShapeArray[^1] != in1)
            throw new ArgumentException(
                $"bilinear: input1 {input1.Shape} has {input1.ShapeArray[^1]} features in its last dimension, expected in1_features={in1} (weight {weight.Shape})", nameof(input1));
        if (input2.ShapeArray[^1] != in2)
            throw new ArgumentException(
                $"bilinear: input2 {input2.Shape} has {input2.ShapeArray[^1]} features in its last dimension, expected in2_features={in2} (weight {weight.Shape})", nameof(input2));
        CheckFloat("bilinear", input1, nameof(input1), weight, nameof(weight));
        CheckFloat("bilinear", input2, nameof(input2), weight, nameof(weight));
        if (bias is not null) CheckBias("bilinear", bias, outFeatures, input1.DType);
        if (input1.DType.IsReducedFloat())
            return Bilinear(input1.To(DType.Float32), input2.To(DType.Float32), weight.To(DType.Float32), bias?.To(DType.Float32)).To(input1.DType);

        int rows = LeadingRows(input1);
        var x1 = input1.Reshape(rows, in1);
        var x2 = input2.Reshape(rows, in2);
        // t[r, k·in1 + i] = Σⱼ A[k, i, j]·x2[r, j]  (A viewed as [out·in1, in2] and read transposed, no copy),
        // then y[r, k] = Σᵢ t[r, k, i]·x1[r, i].
        var t = x2.Matmul(weight.Reshape(outFeatures * in1, in2).T).View(rows, outFeatures, in1);
        var y = (t * x1.Unsqueeze(1)).Sum(-1);
        if (bias is not null) y = y + bias;
        return y.View([.. input1.ShapeArray[..^1], outFeatures]);
    }

    /// <summary>The product of all but the last dimension (1 for a 1-D tensor).</summary>
    private static int LeadingRows(Tensor input)
    {
        int rows = 1;
        for (int d = 0; d < input.Dim - 1; d++) rows *= input.ShapeArray[d];
        return rows;
    }

    private static void CheckFloat(string op, Tensor input, string inputName, Tensor weight, string weightName)
    {
        if (!weight.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: {weightName} must be floating point, got {weight.DType.TorchName()}", weightName);
        if (input.DType != weight.DType)
            throw new ArgumentException(
                $"{op}: expected {inputName} and {weightName} to have the same dtype, but got {inputName} {input.Describe()} and {weightName} {weight.Describe()}", inputName);
    }

    private static void CheckBias(string op, Tensor bias, int outFeatures, DType dtype)
    {
        if (bias.Dim > 1 || (bias.Dim == 1 && bias.ShapeArray[0] != outFeatures && bias.ShapeArray[0] != 1))
            throw new ArgumentException($"{op}: bias {bias.Shape} does not match out_features={outFeatures}; expected shape [{outFeatures}]", nameof(bias));
        if (bias.DType != dtype)
            throw new ArgumentException($"{op}: expected bias to have dtype {dtype.TorchName()}, but got {bias.Describe()}", nameof(bias));
    }
}
