using FerNet.Faces;
using FerNet.Testing.Files;
using SkiaSharp;

namespace FerNet.Faces.Tests.Analysis;

/// <summary>
/// A photo one pixel thin and 100,000 long is shrunk for detection without a side becoming 0: it
/// has no face, and says so, one photo at a time and in a batch.
/// </summary>
public sealed class ExtremeAspectRatioTests
{
    [Theory]
    [InlineData(100_000, 1)]
    [InlineData(1, 100_000)]
    public void AOnePixelThinPhotoHasNoFaceAndDoesNotFail(int width, int height)
    {
        using var folder = new TemporaryDirectory();
        string path = folder.Combine($"{width}x{height}.png");
        using (var bitmap = new SKBitmap(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque))
        {
            bitmap.Erase(new SKColor(90, 120, 150));
            using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, png.ToArray());
        }

        using var analyzer = new FaceEmotionAnalyzer();

        Assert.Empty(analyzer.Analyze(path));
        Assert.Empty(Assert.Single(analyzer.AnalyzeBatch([path])));
    }
}
