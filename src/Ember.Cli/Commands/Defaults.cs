namespace Ember.Cli.Commands;

/// <summary>The defaults of <c>ember train</c>: the README's main job on the embedded digits.</summary>
internal static class Defaults
{
    public const string Hidden = "256";

    public const double Dropout = 0.1;

    public const int Epochs = 30;

    public const string Optimizer = "adam";

    public const string Scheduler = "cosine";

    public const string LrHelp = "sgd 0.05, adam/adamw 0.001, rmsprop 0.001, adagrad 0.01";

    public static double Lr(string optimizer) => optimizer switch
    {
        "sgd" => 0.05,
        "adagrad" => 0.01,
        _ => 0.001,
    };
}
