namespace Ember.Data;

/// <summary>
/// Zalando's Fashion-MNIST (torchvision's <c>datasets.FashionMNIST</c>): 60,000 training and 10,000 test
/// 28 × 28 gray images of clothing in 10 classes, in MNIST's IDX layout. Samples are (Input float32
/// [1, 28, 28] in [0, 1] then the transform, Target int64 0-d). See <see cref="Mnist"/> for the members.
/// </summary>
/// <example>
/// <code>
/// var train = FashionMnist.Load(train: true);                 // from /usr/share/datasets/fashion-mnist
/// var (x, y) = train[0];                                       // x: [1, 28, 28], y: 9 ("Ankle boot")
/// </code>
/// </example>
public sealed class FashionMnist : Mnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files: <c>/usr/share/datasets/fashion-mnist</c>.</summary>
    public const string DefaultRoot = "/usr/share/datasets/fashion-mnist";

    /// <summary>The class names (torchvision's <c>FashionMNIST.classes</c>).</summary>
    public static IReadOnlyList<string> FashionClasses { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private FashionMnist(string root, bool train, Func<Tensor, Tensor>? transform)
        : base(root, train, transform, FashionClasses, "FashionMNIST") { }

    /// <summary>Reads one split of Fashion-MNIST.</summary>
    /// <param name="root">The folder holding the IDX files (plain or <c>.gz</c>), or torchvision's root with them under
    /// <c>FashionMNIST/raw</c>; null (default) for <see cref="DefaultRoot"/>.</param>
    /// <param name="train">True (default) for the 60,000 training images, false for the 10,000 test images.</param>
    /// <param name="transform">Applied to each Input tensor (float32 [1, 28, 28] in [0, 1]); null (default) for none.</param>
    /// <returns>The data set; samples are (Input float32 [1, 28, 28], Target int64 0-d).</returns>
    /// <exception cref="DirectoryNotFoundException">The root folder does not exist (on Debian: <c>apt-get install dataset-fashion-mnist</c>).</exception>
    /// <exception cref="FileNotFoundException">An image or label file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, the counts of images and labels differ, or a label is above 9.</exception>
    public static new FashionMnist Load(string? root = null, bool train = true, Func<Tensor, Tensor>? transform = null) =>
        new(root ?? DefaultRoot, train, transform);
}
