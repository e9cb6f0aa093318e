using FerNet.Testing.Files;
using FerNet.Training.Reports;

namespace FerNet.Training.Tests.Reports;

public sealed class ClassDistributionChartTests : IDisposable
{
    // FER2013 Training split per emotion, and the same oversampled to the largest class.
    private static readonly int[] Before = [3995, 436, 4097, 7215, 4965, 4830, 3171];
    private static readonly int[] After = [7215, 7215, 7215, 7215, 7215, 7215, 7215];

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Bars_cover_areas_in_proportion_to_the_counts()
    {
        string path = _directory.Combine("distribution.png");

        ClassDistributionChart.Write(Before, After, "FER2013 Training split", path);

        var png = DecodedPng.Load(path);
        Assert.Equal(ClassDistributionChart.Width, png.Width);
        Assert.Equal(ClassDistributionChart.Height, png.Height);
        Assert.True(png.DistinctColours > 50, $"Only {png.DistinctColours} colours: the chart looks blank.");

        // Bars of one width on one scale: their painted areas compare like their totals (the legend swatches are tiny).
        double paintedRatio = (double)png.CountPixels(ClassDistributionChart.AfterColor) / png.CountPixels(ClassDistributionChart.BeforeColor);
        double countRatio = (double)After.Sum() / Before.Sum();
        Assert.InRange(paintedRatio, 0.93 * countRatio, 1.07 * countRatio);
    }

    [Fact]
    public void Draws_empty_classes()
    {
        string path = _directory.Combine("empty.png");

        ClassDistributionChart.Write(new int[7], new int[7], "nothing yet", path);

        Assert.Equal(ClassDistributionChart.Width, DecodedPng.Load(path).Width);
    }

    [Fact]
    public void Rejects_a_list_without_one_count_per_emotion()
    {
        string path = _directory.Combine("distribution.png");

        var error = Assert.Throws<ArgumentException>(() => ClassDistributionChart.Write(Before, [1, 2, 3], "FER2013", path));

        Assert.Equal("countsAfter", error.ParamName);
        Assert.Contains("holds 3 counts", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Rejects_a_negative_count_naming_its_emotion()
    {
        int[] before = [.. Before];
        before[1] = -1;

        var error = Assert.Throws<ArgumentException>(() => ClassDistributionChart.Write(before, After, "FER2013", _directory.Combine("d.png")));

        Assert.Contains("-1 for disgust", error.Message, StringComparison.Ordinal);
    }
}
