using FerNet.Core;
using FerNet.Inference;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Inference.Tests;

/// <summary>
/// Many threads calling one model at once get exactly the answers of sequential calls, and a model
/// disposed while threads still call it lets the calls in flight finish before it frees its session.
/// </summary>
public sealed class ConcurrencyTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>
{
    private const int Threads = 8;
    private const int CallsPerThread = 60;
    private const int DisposeRepetitions = 20;

    public static TheoryData<int> DisposeRuns() => [.. Enumerable.Range(1, DisposeRepetitions)];

    [Theory]
    [InlineData(TestTimeAugmentation.None)]
    [InlineData(TestTimeAugmentation.HorizontalFlip)]
    public void Eight_threads_get_the_sequential_answers(TestTimeAugmentation augmentation)
    {
        EmotionModel model = augmentation == TestTimeAugmentation.None ? fixture.Model : fixture.MirroringModel;
        byte[][] images = [.. Enumerable.Range(300, 24).Select(TestFaces.GrayPng)];
        byte[][] pixels = [.. images.Select(png => Array.ConvertAll(TestFaces.TrainingTensor(png), v => (byte)Math.Round(v * 255)))];
        EmotionPrediction[] sequentialImages = [.. images.Select(model.Predict)];
        EmotionPrediction[] sequentialPixels = [.. pixels.Select(p => model.PredictPixels(p))];
        IReadOnlyList<EmotionPrediction> sequentialBatch = model.PredictBatch(images);
        var mismatches = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var start = new Barrier(Threads);

        Thread[] threads = [.. Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int call = 0; call < CallsPerThread; call++)
            {
                int i = ((t * 7) + call) % images.Length;
                Check(model.Predict(images[i]), sequentialImages[i], $"thread {t} call {call} image {i}");
                Check(model.PredictPixels(pixels[i]), sequentialPixels[i], $"thread {t} call {call} pixels {i}");
                if (call % 20 == 0)
                {
                    IReadOnlyList<EmotionPrediction> batch = model.PredictBatch(images);
                    for (int b = 0; b < batch.Count; b++)
                    {
                        Check(batch[b], sequentialBatch[b], $"thread {t} call {call} batch {b}");
                    }
                }
            }
        }))];
        Array.ForEach(threads, thread => thread.Start());
        Array.ForEach(threads, thread => thread.Join());

        Assert.Empty(mismatches);

        void Check(EmotionPrediction actual, EmotionPrediction expected, string where)
        {
            if (!actual.Equals(expected))
            {
                mismatches.Enqueue($"{where}: {actual} instead of {expected}");
            }
        }
    }

    [Fact]
    public void Models_used_from_many_threads_stay_independent()
    {
        using EmotionModel shuffled = EmotionClassifier.FromStream(new MemoryStream(fixture.Shuffled.ToOnnx()));
        byte[] png = TestFaces.GrayPng(seed: 400);
        EmotionPrediction canonical = fixture.Model.Predict(png);
        EmotionPrediction other = shuffled.Predict(png);

        bool[] results = new bool[Threads];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
            results[t] = Enumerable.Range(0, 20).All(_ => (t % 2 == 0 ? fixture.Model : shuffled).Predict(png).Equals(t % 2 == 0 ? canonical : other)));

        Assert.All(results, Assert.True);
        Assert.NotEqual(canonical, other);
        Assert.Equal(EmotionLabels.Count, other.Probabilities.Count);
    }

    /// <summary>
    /// Four threads score through Predict, PredictPixels and PredictBatch while the model is disposed.
    /// Each call either answers exactly as before or throws <see cref="ObjectDisposedException"/>; the
    /// native session freed under a running call would crash the whole test process instead.
    /// </summary>
    [Theory]
    [MemberData(nameof(DisposeRuns))]
    public void Dispose_while_threads_predict_lets_calls_in_flight_finish(int run)
    {
        EmotionModel model = EmotionClassifier.FromStream(new MemoryStream(fixture.Canonical.ToOnnx()));
        byte[][] images = [.. Enumerable.Range(500, 8).Select(TestFaces.GrayPng)];
        byte[][] pixels = [.. images.Select(png => Array.ConvertAll(TestFaces.TrainingTensor(png), v => (byte)Math.Round(v * 255)))];
        EmotionPrediction[] expected = [.. images.Select(model.Predict)];
        EmotionPrediction[] expectedPixels = [.. pixels.Select(p => model.PredictPixels(p))];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int answered = 0;
        using var start = new Barrier(5);

        Thread[] threads = [.. Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                for (int call = 0; ; call++)
                {
                    int i = call % images.Length;
                    bool same = (t % 3) switch
                    {
                        0 => model.Predict(images[i]).Equals(expected[i]),
                        1 => model.PredictPixels(pixels[i]).Equals(expectedPixels[i]),
                        _ => model.PredictBatch(images).SequenceEqual(expected),
                    };
                    if (!same)
                    {
                        failures.Enqueue($"run {run} thread {t} call {call}: a different answer");
                    }

                    Interlocked.Increment(ref answered);
                }
            }
            catch (ObjectDisposedException)
            {
                // The model was disposed before this call began: the documented answer.
            }
            catch (Exception e)
            {
                failures.Enqueue($"run {run} thread {t}: {e.GetType().Name}: {e.Message}");
            }
        }))];
        Array.ForEach(threads, thread => thread.Start());
        start.SignalAndWait();
        SpinWait.SpinUntil(() => Volatile.Read(ref answered) >= 8 * (run % 4 + 1));

        model.Dispose();

        Assert.True(Array.TrueForAll(threads, thread => thread.Join(TimeSpan.FromSeconds(30))), "A predicting thread did not stop after Dispose.");
        Assert.Empty(failures);
        Assert.Throws<ObjectDisposedException>(() => model.Predict(images[0]));
    }
}
