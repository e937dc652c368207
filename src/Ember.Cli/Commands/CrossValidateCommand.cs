using System.CommandLine;
using Ember.Data;
using Ember.Selection;

namespace Ember.Cli.Commands;

/// <summary>
/// <c>ember cv</c>: K-fold cross-validation (<see cref="CrossValidation.CrossValidate(Func{int, Training.Trainer}, Dataset{ValueTuple{Tensor, Tensor}}, CrossValidationOptions?)"/>)
/// of train's model and optimizer on the training part of the data (the test part stays unseen): one fresh model per fold,
/// each fold's train and validation figures, and their mean and standard deviation (the source documents' house-price procedure).
/// </summary>
internal static class CrossValidateCommand
{
    public static Command Create(TextWriter output)
    {
        var options = new TrainOptions();
        var folds = new Option<int>("--folds", "-k") { Description = "The number of folds", DefaultValueFactory = _ => 5, HelpName = "K" };
        var stratified = new Option<bool?>("--stratified") { Description = "Keep each class's share in every fold (default: on for classification)", HelpName = "true|false" };
        var parallel = new Option<int>("--parallel") { Description = "Folds trained at once (results are identical whatever the number)", DefaultValueFactory = _ => 1, HelpName = "N" };
        var command = new Command("cv", "K-fold cross-validation of a model on the training part of the data: per-fold and mean train/validation loss and metrics");
        options.AddShared(command);
        options.AddCrossValidation(command);
        foreach (var o in new Option[] { folds, stratified, parallel }) command.Options.Add(o);
        TrainOptions.Validate(folds, r => { if (TrainOptions.Value<int>(r) < 2) r.AddError($"--folds must be at least 2, got {TrainOptions.Value<int>(r)}"); });
        TrainOptions.Validate(parallel, r => { if (TrainOptions.Value<int>(r) < 1) r.AddError($"--parallel must be at least 1, got {TrainOptions.Value<int>(r)}"); });
        command.SetAction(r =>
        {
            var s = options.ReadCrossValidation(r);
            var exp = Experiment.Create(s);
            var task = exp.Card.TaskKind;
            int k = r.GetValue(folds);
            if (k > exp.TrainX.Size(0)) throw new CliException($"cv: --folds {k} is more than the {exp.TrainX.Size(0)} training samples", 2);
            bool stratify = r.GetValue(stratified) ?? task == TaskKind.Classification;
            if (stratify && task != TaskKind.Classification) throw new CliException("cv: --stratified needs a classification task", 2);
            output.WriteLine($"ember cv: {s.Data}, {k}-fold{(stratify ? " stratified" : "")} over {exp.TrainX.Size(0)} training samples; {exp.Card.Model}, {s.Optimizer} lr {s.LearningRate}, {s.Epochs} epochs");
            var data = TensorDataset.Of(exp.TrainX, exp.TrainY);
            int batchesPerEpoch = (int)Math.Ceiling(exp.TrainX.Size(0) * (k - 1.0) / k / s.BatchSize);
            CrossValidationResult result;
            try
            {
                result = CrossValidation.CrossValidate(fold =>
                {
                    var model = ModelSpec.Build(exp.Card.Model);
                    return Experiment.CreateTrainer(s, task, model, Experiment.CreateOptimizer(s, model.Parameters()), batchesPerEpoch);
                }, data, new CrossValidationOptions
                {
                    K = k, Stratified = stratify, Shuffle = true, RandomState = s.Seed, Epochs = s.Epochs, BatchSize = s.BatchSize, Seed = s.Seed,
                    MaxDegreeOfParallelism = r.GetValue(parallel), Output = output,
                });
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, 2);
            }
            output.WriteLine(result.ToString());
            return 0;
        });
        return command;
    }
}
