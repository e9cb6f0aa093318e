using FerNet.Testing.Files;
using FerNet.Core;
using FerNet.Training.Reports;

namespace FerNet.Training.Tests.Reports;

public sealed class ConfusionMatrixChartTests : IDisposable
{
    private const string Title = "FerVgg on FER2013 PublicTest: accuracy 70.1 %";

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Row_normalisation_divides_each_row_by_its_sum_and_leaves_an_empty_row_at_zero()
    {
        int[,] confusion = MostlyCorrect();
        for (int column = 0; column < EmotionLabels.Count; column++)
        {
            confusion[(int)Emotion.Disgust, column] = 0;
        }

        confusion[(int)Emotion.Angry, (int)Emotion.Angry] = 30;
        confusion[(int)Emotion.Angry, (int)Emotion.Fear] = 10;

        double[,] shares = ConfusionMatrixChart.NormaliseRows(confusion);

        // Angry row: 30 correct, 10 as fear, 1 as each of the other five emotions, so 45 images.
        Assert.Equal(30.0 / 45, shares[(int)Emotion.Angry, (int)Emotion.Angry], 12);
        Assert.Equal(10.0 / 45, shares[(int)Emotion.Angry, (int)Emotion.Fear], 12);
        Assert.Equal(1.0 / 45, shares[(int)Emotion.Angry, (int)Emotion.Sad], 12);
        for (int row = 0; row < EmotionLabels.Count; row++)
        {
            double rowSum = Enumerable.Range(0, EmotionLabels.Count).Sum(column => shares[row, column]);
            Assert.Equal(row == (int)Emotion.Disgust ? 0 : 1, rowSum, 12);
        }

        Assert.Equal(30, confusion[(int)Emotion.Angry, (int)Emotion.Angry]);
    }

    [Fact]
    public void Count_heatmap_is_a_png_of_the_chart_size_with_the_busy_cells_coloured()
    {
        string path = _directory.Combine("confusion-counts.png");

        ConfusionMatrixChart.WriteCounts(MostlyCorrect(), Title, path);

        var png = DecodedPng.Load(path);
        Assert.Equal(ConfusionMatrixChart.Width, png.Width);
        Assert.Equal(ConfusionMatrixChart.Height, png.Height);
        Assert.True(png.DistinctColours > 100, $"Only {png.DistinctColours} colours: the chart looks blank.");
    }

    [Fact]
    public void Row_normalised_heatmap_colours_cells_by_their_share_of_the_row()
    {
        string mostlyCorrectPath = _directory.Combine("mostly-correct.png");
        string emptyPath = _directory.Combine("empty.png");

        ConfusionMatrixChart.WriteRowNormalised(MostlyCorrect(), Title, mostlyCorrectPath);
        ConfusionMatrixChart.WriteRowNormalised(new int[EmotionLabels.Count, EmotionLabels.Count], Title, emptyPath);

        var mostlyCorrect = DecodedPng.Load(mostlyCorrectPath);
        var empty = DecodedPng.Load(emptyPath);
        Assert.Equal(ConfusionMatrixChart.Width, mostlyCorrect.Width);
        Assert.Equal(ConfusionMatrixChart.Height, mostlyCorrect.Height);

        // Seven dark diagonal cells against a matrix of empty rows, where only the colour bar is blue.
        int mostlyCorrectBlue = mostlyCorrect.CountPixels(IsStrongBlue);
        int emptyBlue = empty.CountPixels(IsStrongBlue);
        Assert.True(
            mostlyCorrectBlue > 3 * emptyBlue,
            $"{mostlyCorrectBlue} strong blue pixels with a dark diagonal against {emptyBlue} with every row empty.");
    }

    [Theory]
    [InlineData(6, 7)]
    [InlineData(7, 8)]
    public void Rejects_a_matrix_that_is_not_seven_by_seven(int rows, int columns)
    {
        string path = _directory.Combine("wrong.png");

        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrixChart.WriteCounts(new int[rows, columns], Title, path));

        Assert.Contains($"{rows}x{columns}", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ConfusionMatrixChart.WriteRowNormalised(new int[rows, columns], Title, path));
        Assert.Throws<ArgumentException>(() => ConfusionMatrixChart.NormaliseRows(new int[rows, columns]));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Rejects_a_negative_count_naming_its_cell()
    {
        int[,] confusion = MostlyCorrect();
        confusion[(int)Emotion.Sad, (int)Emotion.Surprise] = -4;

        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrixChart.NormaliseRows(confusion));

        Assert.Contains("-4", error.Message, StringComparison.Ordinal);
        Assert.Contains("true label sad, predicted label surprise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_blank_title()
    {
        Assert.Throws<ArgumentException>(() => ConfusionMatrixChart.WriteCounts(MostlyCorrect(), " ", _directory.Combine("x.png")));
    }

    private static bool IsStrongBlue(SixLabors.ImageSharp.PixelFormats.Rgba32 pixel) => pixel.B > 120 && pixel.B - pixel.R > 90;

    /// <summary>40 correct images per emotion and one confused with each other emotion.</summary>
    private static int[,] MostlyCorrect()
    {
        var confusion = new int[EmotionLabels.Count, EmotionLabels.Count];
        for (int row = 0; row < EmotionLabels.Count; row++)
        {
            for (int column = 0; column < EmotionLabels.Count; column++)
            {
                confusion[row, column] = row == column ? 40 : 1;
            }
        }

        return confusion;
    }
}
