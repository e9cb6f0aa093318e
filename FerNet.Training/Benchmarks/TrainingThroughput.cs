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
    /// <summary>Images per second of the bare loop and of the real pipeline, after one warm-up batch each.</summary>
    public static (double Bare, double Pipeline) Measure(TrainingOptions options, FaceDataset data, int batches)
    {
        manual_seed(options.Seed);
        using FerModel model = ModelCatalog.Create(options.Architecture);
        var trainer = new Trainer(options, Path.GetTempPath(), TextWriter.Null);
        using optim.Optimizer optimizer = trainer.CreateOptimizer(model);
        model.train();
        int[] order = Enumerable.Range(0, Math.Min(data.Count, (batches + 1) * options.BatchSize)).ToArray();

        double bare;
        using (Tensor images = BatchTensors.Pixels(data, order.AsSpan(0, options.BatchSize)))
        using (Tensor labels = BatchTensors.Labels(data, order.AsSpan(0, options.BatchSize)))
        {
            Trainer.Step(model, optimizer, images, labels, null, options.LabelSmoothing);
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < batches; i++)
            {
                Trainer.Step(model, optimizer, images, labels, null, options.LabelSmoothing);
            }

            bare = batches * options.BatchSize / clock.Elapsed.TotalSeconds;
        }

        using var pipeline = new TrainingBatches(data, order, options.BatchSize, options.Augmentation, 1);
        var timer = new Stopwatch();
        long seen = 0;
        int taken = 0;
        foreach ((Tensor images, Tensor labels) in pipeline.Batches())
        {
            using (images)
            using (labels)
            {
                Trainer.Step(model, optimizer, images, labels, null, options.LabelSmoothing);
                if (taken++ == 0)
                {
                    timer.Start();
                    continue;
                }

                seen += labels.shape[0];
            }
        }

        return (bare, seen / timer.Elapsed.TotalSeconds);
    }
}
