using FerNet.Testing.Files;
using FerNet.Training.Reports;
using Microsoft.ML.Data;

namespace FerNet.Training.Tests.Reports;

/// <summary>
/// ScottPlot and ML.NET's image code share one SkiaSharp in this process, the version pinned in Directory.Packages.props,
/// although ML.NET was built against an older one.
/// </summary>
public sealed class SkiaSharpCompatibilityTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void MLNet_decodes_a_chart_that_ScottPlot_rendered_to_the_same_pixels_as_ImageSharp()
    {
        string path = _directory.Combine("chart.png");
        ClassDistributionChart.Write([1, 2, 3, 4, 5, 6, 7], [7, 7, 7, 7, 7, 7, 7], "SkiaSharp", path);
        var reference = DecodedPng.Load(path);

        using var image = MLImage.CreateFromFile(path);

        Assert.Equal(reference.Width, image.Width);
        Assert.Equal(reference.Height, image.Height);
        byte[] bgr = image.GetBGRPixels;
        int differing = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                int offset = 3 * ((y * image.Width) + x);
                var pixel = reference.Pixel(x, y);
                if (bgr[offset] != pixel.B || bgr[offset + 1] != pixel.G || bgr[offset + 2] != pixel.R)
                {
                    differing++;
                }
            }
        }

        Assert.Equal(0, differing);
    }

    [Fact]
    public void MLNet_encodes_an_image_that_ImageSharp_decodes()
    {
        string chartPath = _directory.Combine("chart.png");
        string copyPath = _directory.Combine("copy.png");
        ClassDistributionChart.Write([1, 2, 3, 4, 5, 6, 7], [7, 7, 7, 7, 7, 7, 7], "SkiaSharp", chartPath);

        using (var image = MLImage.CreateFromFile(chartPath))
        {
            image.Save(copyPath);
        }

        var copy = DecodedPng.Load(copyPath);
        Assert.Equal(ClassDistributionChart.Width, copy.Width);
        Assert.Equal(ClassDistributionChart.Height, copy.Height);
        Assert.Equal(DecodedPng.Load(chartPath).DistinctColours, copy.DistinctColours);
    }
}
