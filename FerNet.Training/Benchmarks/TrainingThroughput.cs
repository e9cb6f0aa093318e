using System.Diagnostics;
using FerNet.Training.Data;
using FerNet.Training.Models;
using FerNet.Training.Runs;
using FerNet.Training.Torch;
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
    /// Images per second of the bare loop before the pipeline, of the real pipeline, and of the bare
    /// loop after it, with how long the pipeline's loop waited for batches. Timing the bare loop on
    /// both sides keeps a machine that speeds up or slows down from favouring either side, and shows
    /// when the pipeline left the process slower than it found it.
    /// </summary>
    /// <param name="options">The recipe: architecture, batch size, precision, batch layout.</param>
    /// <param name="data">Training faces.</param>
    /// <param name="batches">Batches timed in each loop.</param>
    public static ThroughputMeasurement Measure(TrainingOptions options, FaceDataset data, int batches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 2, nameof(batches));
        manual_seed(options.Seed);
        options.Validate();
        using FerModel model = Trainer.CreateModel(options);
        using optim.Optimizer optimizer = Trainer.CreateOptimizer(model, options);
        model.train();
        int[] order = Enumerable.Range(0, Math.Min(data.Count, (batches + 1) * options.BatchSize)).ToArray();

        using Tensor images = Layout(BatchTensors.Pixels(data, order.AsSpan(0, options.BatchSize)), options.ChannelsLast);
        using Tensor labels = BatchTensors.Labels(data, order.AsSpan(0, options.BatchSize));
        BareLoop(model, optimizer, images, labels, options, WarmUpSteps);
        TimeSpan beforeTime = BareLoop(model, optimizer, images, labels, options, batches / 2);

        using var pipeline = new TrainingBatches(data, order, options.BatchSize, options.Augmentation, 1);
        var timer = new Stopwatch();
        long seen = 0;
        int taken = 0;
        TimeSpan waitedBeforeTiming = TimeSpan.Zero;
        foreach ((Tensor batchImages, Tensor batchLabels) in pipeline.Batches())
        {
            using (batchImages)
            using (batchLabels)
            using (Tensor laidOut = Layout(batchImages.alias(), options.ChannelsLast))
            {
                Trainer.Step(model, optimizer, laidOut, batchLabels, null, options.LabelSmoothing);
                if (taken++ == 0)
                {
                    waitedBeforeTiming = pipeline.WaitTime;
                    timer.Start();
                    continue;
                }

                seen += batchLabels.shape[0];
            }
        }

        timer.Stop();
        int secondHalf = batches - (batches / 2);
        TimeSpan afterTime = BareLoop(model, optimizer, images, labels, options, secondHalf);
        return new ThroughputMeasurement(
            batches / 2 * options.BatchSize / beforeTime.TotalSeconds,
            seen / timer.Elapsed.TotalSeconds,
            secondHalf * options.BatchSize / afterTime.TotalSeconds,
            (pipeline.WaitTime - waitedBeforeTiming) / timer.Elapsed,
            pipeline.PreparationTime / pipeline.BatchCount);
    }

    private static Tensor Layout(Tensor batch, bool channelsLast)
    {
        if (!channelsLast)
        {
            return batch;
        }

        using (batch)
        {
            return ChannelsLastLayout.Copy(batch);
        }
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
