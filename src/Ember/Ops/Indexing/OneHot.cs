namespace Ember;

public static partial class Torch
{
    /// <summary>
    /// One-hot encoding (PyTorch's <c>torch.nn.functional.one_hot</c>): an int64 tensor of shape
    /// [*input.shape, numClasses] with 1 at the position each class value names and 0 elsewhere.
    /// </summary>
    /// <param name="tensor">Class values as int64, each in [0, numClasses).</param>
    /// <param name="numClasses">The number of classes, or −1 (default) for one more than the largest value.</param>
    /// <exception cref="ArgumentException">The tensor is not int64; a value is negative or not smaller than
    /// <paramref name="numClasses"/>; or <paramref name="numClasses"/> is −1 and the tensor is empty.</exception>
    public static Tensor OneHot(Tensor tensor, int numClasses = -1)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.DType != DType.Int64)
            throw new ArgumentException($"one_hot: one_hot is only applicable to index tensor (int64), got {tensor.Describe()}", nameof(tensor));
        if (tensor.Numel == 0)
        {
            if (numClasses == -1)
                throw new ArgumentException($"one_hot: Can not infer total number of classes from empty tensor (shape {tensor.Shape}); pass numClasses", nameof(numClasses));
            if (numClasses < 0)
                throw new ArgumentException($"one_hot: numClasses must be non-negative or -1, got {numClasses}", nameof(numClasses));
            return Zeros(new Size([.. tensor.ShapeArray, numClasses]), DType.Int64);
        }
        long min = Min(tensor).Item<long>(), max = Max(tensor).Item<long>();
        if (min < 0)
            throw new ArgumentException($"one_hot: Class values must be non-negative (got {min})", nameof(tensor));
        if (numClasses == -1)
        {
            if (max >= int.MaxValue) throw new ArgumentException($"one_hot: class value {max} is too large", nameof(tensor));
            numClasses = (int)max + 1;
        }
        else if (max >= numClasses)
            throw new ArgumentException($"one_hot: Class values must be smaller than num_classes (got {max} with numClasses {numClasses})", nameof(numClasses));
        int[] shape = [.. tensor.ShapeArray, numClasses];
        Tensor.NumelOf(shape, "one_hot");
        return Zeros(new Size(shape), DType.Int64).Scatter_(-1, tensor.Unsqueeze(-1), 1);
    }
}

public partial class Tensor
{
    /// <summary>One-hot encoding of int64 class values (see <see cref="Torch.OneHot"/>).</summary>
    /// <param name="numClasses">The number of classes, or −1 (default) to infer it.</param>
    /// <exception cref="ArgumentException">The tensor is not int64.</exception>
    public Tensor OneHot(int numClasses = -1) => Torch.OneHot(this, numClasses);
}
