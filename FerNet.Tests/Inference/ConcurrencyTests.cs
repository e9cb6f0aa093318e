using FerNet.Core;
using FerNet.Inference;

namespace FerNet.Tests.Inference;

/// <summary>Many threads calling one model at once get exactly the answers of sequential calls.</summary>
public sealed class ConcurrencyTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>
{
    private const int Threads = 8;
    private const int CallsPerThread = 60;

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
        using EmotionModel shuffled = EmotionClassifier.FromBytes(fixture.Shuffled.ToOnnx());
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
}
