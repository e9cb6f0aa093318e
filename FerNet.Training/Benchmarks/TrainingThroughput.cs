using System.Diagnostics;
using FerNet.Core.Data;
using FerNet.Training.Data;
using FerNet.Training.Models;
using FerNet.Training.Training;
using static TorchSharp.torch;

namespace FerNet.Training.Benchmarks;

/// <summary>
/// Measures, in one process and on one model, how fast the real training loop (batches gathered,
/// scaled and augmented by <see cref="TrainingBatches"/>) runs against a bare loop over tensors
/// that are already in memory. Their ratio says whether data preparation starves training.
/// </summary>
internal static class TrainingThroughput
{
    private const int WarmUpSteps = 3;

    /// <summary>
    /// Images per second of the bare loop and of the real pipeline. The bare loop runs half its
    /// batches before the pipeline and half after, so that a machine speeding up or slowing down
    /// during the measurement does not favour either side.
    /// </summary>
    public static (double Bare, double Pipeline) Measure(TrainingOptions options, FaceDataset data, int batches)
    {
        manual_seed(options.Seed);
        using FerModel model = ModelCatalog.Create(options.Architecture);
        var trainer = new Trainer(options, Path.GetTempPath(), TextWriter.Null);
        using optim.Optimizer optimizer = trainer.CreateOptimizer(model);
        model.train();
        int[] order = Enumerable.Range(0, Math.Min(data.Count, (batches + 1) * options.BatchSize)).ToArray();

        using Tensor images = BatchTensors.Pixels(data, order.AsSpan(0, options.BatchSize));
        using Tensor labels = BatchTensors.Labels(data, order.AsSpan(0, options.BatchSize));
        BareLoop(model, optimizer, images, labels, options, WarmUpSteps);
        TimeSpan bareTime = BareLoop(model, optimizer, images, labels, options, batches / 2);

        using var pipeline = new TrainingBatches(data, order, options.BatchSize, options.Augmentation, 1);
        var timer = new Stopwatch();
        long seen = 0;
        int taken = 0;
        foreach ((Tensor batchImages, Tensor batchLabels) in pipeline.Batches())
        {
            using (batchImages)
            using (batchLabels)
            {
                Trainer.Step(model, optimizer, batchImages, batchLabels, null, options.LabelSmoothing);
                if (taken++ == 0)
                {
                    timer.Start();
                    continue;
                }

                seen += batchLabels.shape[0];
            }
        }

        timer.Stop();
        int secondHalf = batches - (batches / 2);
        bareTime += BareLoop(model, optimizer, images, labels, options, secondHalf);
        return (batches * options.BatchSize / bareTime.TotalSeconds, seen / timer.Elapsed.TotalSeconds);
    }

    private static TimeSpan BareLoop(FerModel model, optim.Optimizer optimizer, Tensor images, Tensor labels, TrainingOptions options, int steps)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++)
        {
            Trainer.Step(model, optimizer, images, labels, null, options.LabelSmoothing);
        }

        return clock.Elapsed;
    }
}
