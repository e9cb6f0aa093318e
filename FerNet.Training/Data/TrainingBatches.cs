using System.Collections.Concurrent;
using System.Diagnostics;
using FerNet.Training.Augmentation;
using static TorchSharp.torch;

namespace FerNet.Training.Data;

/// <summary>
/// Prepares the training batches of one epoch on a background thread (gather, scale, augment) while
/// the model trains on the previous one, so that data preparation does not starve the training loop.
/// The consumer owns, and disposes, every batch it takes.
/// </summary>
internal sealed class TrainingBatches : IDisposable
{
    private const int BatchesAhead = 3;

    private readonly BlockingCollection<(Tensor Images, Tensor Labels)> _queue = new(BatchesAhead);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private long _preparationTicks;
    private long _waitTicks;

    /// <summary>Starts preparing batches of <paramref name="batchSize"/> images in <paramref name="order"/>.</summary>
    /// <param name="data">The training data.</param>
    /// <param name="order">Image indices in the order this epoch visits them.</param>
    /// <param name="batchSize">Images per batch; the last batch may be smaller.</param>
    /// <param name="augmentation">Random transforms to apply.</param>
    /// <param name="augmentationSeed">Seed of the generator that draws the transforms, so an epoch is reproducible.</param>
    public TrainingBatches(FaceDataset data, int[] order, int batchSize, AugmentationSettings augmentation, ulong augmentationSeed)
    {
        BatchCount = (order.Length + batchSize - 1) / batchSize;
        _producer = Task.Factory.StartNew(
            () =>
            {
                using var generator = new Generator(augmentationSeed, CPU);
                try
                {
                    for (int start = 0; start < order.Length && !_stop.IsCancellationRequested; start += batchSize)
                    {
                        long started = Stopwatch.GetTimestamp();
                        ReadOnlySpan<int> indices = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
                        Tensor images;
                        using (Tensor pixels = BatchTensors.Pixels(data, indices))
                        {
                            images = BatchAugmenter.Apply(pixels, augmentation, generator);
                            if (ReferenceEquals(images, pixels))
                            {
                                images = pixels.clone();
                            }
                        }

                        Tensor labels = BatchTensors.Labels(data, indices);
                        Interlocked.Add(ref _preparationTicks, Stopwatch.GetTimestamp() - started);
                        try
                        {
                            _queue.Add((images, labels), _stop.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            images.Dispose();
                            labels.Dispose();
                        }
                    }
                }
                finally
                {
                    _queue.CompleteAdding();
                }
            },
            TaskCreationOptions.LongRunning);
    }

    /// <summary>How many batches this epoch has.</summary>
    public int BatchCount { get; }

    /// <summary>Time the background thread spent gathering, scaling and augmenting batches so far.</summary>
    public TimeSpan PreparationTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _preparationTicks));

    /// <summary>
    /// Time the consumer of <see cref="Batches"/> spent blocked until the next batch was ready: the
    /// training loop's starvation, which is zero when preparation keeps ahead of training.
    /// </summary>
    public TimeSpan WaitTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _waitTicks));

    /// <summary>The batches in order, each taken as soon as it is ready.</summary>
    public IEnumerable<(Tensor Images, Tensor Labels)> Batches()
    {
        while (true)
        {
            long started = Stopwatch.GetTimestamp();
            bool taken = _queue.TryTake(out (Tensor Images, Tensor Labels) batch, Timeout.Infinite);
            Interlocked.Add(ref _waitTicks, Stopwatch.GetTimestamp() - started);
            if (!taken)
            {
                break;
            }

            yield return batch;
        }

        _producer.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _producer.Wait();
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException)
        {
            // Stopping early is what Dispose asked for.
        }

        while (_queue.TryTake(out (Tensor Images, Tensor Labels) left))
        {
            left.Images.Dispose();
            left.Labels.Dispose();
        }

        _queue.Dispose();
        _stop.Dispose();
    }
}
