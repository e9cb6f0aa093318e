using System.CommandLine;
using System.Globalization;
using FerNet.Training.Benchmarks;
using FerNet.Training.Data;
using FerNet.Training.Runs;

namespace FerNet.Training.Cli;

/// <summary>`benchmark`: training throughput of the real pipeline against a bare loop.</summary>
internal static class BenchmarkCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "FER2013 root or CSV.", Required = true };
        var recipe = new Option<string>("--recipe") { Description = $"Recipe: {string.Join(", ", TrainingRecipes.Names)}.", DefaultValueFactory = _ => TrainingRecipes.Names[0] };
        var arch = new Option<string?>("--arch") { Description = $"Architecture ({string.Join(", ", Models.ModelCatalog.Names)}); default: the recipe's." };
        var batches = new Option<int>("--batches") { Description = "Batches timed in each loop.", DefaultValueFactory = _ => 60 };
        var batchSize = new Option<int?>("--batch-size") { Description = "Images per batch (default: the recipe's)." };
        var precision = new Option<string?>("--precision") { Description = $"{OptionNames.Listed<TrainingPrecision>()} (mixed precision; default: the recipe's)." };
        var channelsLast = new Option<bool>("--channels-last") { Description = "Lay each batch out channels-last (NHWC), oneDNN's preferred layout on CPUs, as `train --channels-last` does." };
        var threads = new Option<int>("--threads") { Description = "CPU threads for TorchSharp (at least 1).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("benchmark", "Measure training images/s of the real data pipeline against a bare loop.") { data, recipe, arch, batches, batchSize, precision, channelsLast, threads };
        command.SetAction(result =>
        {
            TorchSharp.torch.set_num_threads(CommandLineChecks.AtLeastOne("--threads", result.GetValue(threads)));
            TrainingOptions options = TrainingRecipes.Create(result.GetValue(recipe)!);
            options = options with
            {
                Architecture = result.GetValue(arch) ?? options.Architecture,
                BatchSize = result.GetValue(batchSize) ?? options.BatchSize,
                Precision = result.GetValue(precision) is string arithmetic ? OptionNames.Parse<TrainingPrecision>(arithmetic, "precision") : options.Precision,
                ChannelsLast = result.GetValue(channelsLast),
            };
            FaceDataset train = Fer2013.Load(DataLocation.Require(result.GetValue(data)!), Fer2013Split.Train);
            ThroughputMeasurement m = TrainingThroughput.Measure(options, train, result.GetValue(batches));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{options.Architecture}, batch {options.BatchSize}, {OptionNames.Name(options.Precision)}, {(options.ChannelsLast ? "channels-last" : "NCHW")}, {result.GetValue(threads)} threads: bare loop {m.Bare:F0} img/s ({m.BareBefore:F0} before the pipeline, {m.BareAfter:F0} after), real pipeline {m.Pipeline:F0} img/s, ratio {m.Ratio:F2}; the loop waited for data {m.WaitShare:P1} of its time; preparing a batch took {m.PreparationPerBatch.TotalMilliseconds:F2} ms on the background thread"));
            return 0;
        });
        return command;
    }
}
