using FerNet.Inference;
using FerNet.Testing.Images;
using FerNet.Testing.Models;
using FerNet.Tooling.Evaluation;

namespace FerNet.Tooling.Tests.Evaluation;

public sealed class LabelledImageScoringTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>
{
    [Fact]
    public void Predicts_every_file_in_order_as_the_model_does_and_reports_the_count_done()
    {
        string[] paths = [.. Enumerable.Range(0, 3).Select(seed => fixture.WriteFile($"scoring-{seed}.png", TestFaces.GrayPng(seed)))];
        var reported = new List<long>();

        EmotionPrediction[] predictions = LabelledImageScoring.Predict(fixture.Model, paths, new SynchronousProgress(reported.Add));

        Assert.Equal(fixture.Model.PredictBatch(paths), predictions);
        Assert.Equal([3L], reported);
    }

    [Fact]
    public void A_cancelled_token_stops_before_any_image_is_scored()
    {
        string[] paths = [fixture.WriteFile("cancelled.png", TestFaces.GrayPng(5))];
        var reported = new List<long>();

        Assert.Throws<OperationCanceledException>(() => LabelledImageScoring.Predict(fixture.Model, paths, new SynchronousProgress(reported.Add), new CancellationToken(canceled: true)));

        Assert.Empty(reported);
    }

    // Progress<T> posts to the thread pool; the test must see each report before it asserts.
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
