using FerNet.Core;
using FerNet.Tooling.Metrics;

namespace FerNet.Tooling.Tests.Metrics;

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void FromPredictions_CountsRowsByTrueLabelAndColumnsByPrediction()
    {
        Emotion[] truth = [Emotion.Angry, Emotion.Angry, Emotion.Happy, Emotion.Sad];
        Emotion[] predicted = [Emotion.Angry, Emotion.Happy, Emotion.Happy, Emotion.Happy];

        var matrix = ConfusionMatrix.FromPredictions(truth, predicted);

        Assert.Equal(1, matrix[Emotion.Angry, Emotion.Angry]);
        Assert.Equal(1, matrix[Emotion.Angry, Emotion.Happy]);
        Assert.Equal(0, matrix[Emotion.Happy, Emotion.Angry]);
        Assert.Equal(1, matrix[Emotion.Sad, Emotion.Happy]);
        Assert.Equal(2, matrix.Support(Emotion.Angry));
        Assert.Equal(3, matrix.PredictedCount(Emotion.Happy));
        Assert.Equal(4, matrix.Total);
        Assert.Equal(2, matrix.Correct);
        int[][] rows = matrix.ToArray();
        Assert.Equal([1, 0, 0, 1, 0, 0, 0], rows[(int)Emotion.Angry]);
        Assert.Equal([0, 0, 0, 1, 0, 0, 0], rows[(int)Emotion.Sad]);
    }

    [Fact]
    public void Constructor_RoundTripsItsRows()
    {
        int[][] rows = [.. Enumerable.Range(0, 7).Select(row => Enumerable.Range(0, 7).Select(column => (row * 7) + column).ToArray())];

        var matrix = new ConfusionMatrix(rows);

        Assert.Equal(rows, matrix.ToArray());
        Assert.Equal(2, matrix[Emotion.Disgust, Emotion.Disgust] / 4);
        Assert.Equal(Enumerable.Range(0, 49).Sum(), matrix.Total);
    }

    [Fact]
    public void Constructor_RejectsWrongShapesAndNegativeCounts()
    {
        int[][] square = [.. Enumerable.Range(0, 7).Select(_ => new int[7])];
        int[][] sixRows = [.. square.Take(6)];
        int[][] shortRow = [.. square.Take(6), new int[6]];
        int[][] negative = [.. square.Take(6), [0, 0, 0, -1, 0, 0, 0]];

        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(sixRows));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(shortRow));
        var error = Assert.Throws<ArgumentException>(() => new ConfusionMatrix(negative));
        Assert.Contains("surprise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPredictions_RejectsSpansOfDifferentLengthsAndValuesThatAreNoEmotion()
    {
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromPredictions([Emotion.Angry], []));
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromPredictions([Emotion.Angry], [(Emotion)7]));
    }
}
