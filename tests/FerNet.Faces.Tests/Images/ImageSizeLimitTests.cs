using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Inference;
using FerNet.Testing.Data;
using Microsoft.ML.Data;
using OpenCvSharp;

namespace FerNet.Faces.Tests.Images;

/// <summary>In-memory images larger than <see cref="ImageLimits.MaxPixels"/> are refused, as encoded ones are, before any copy is made.</summary>
public sealed class ImageSizeLimitTests
{
    [Fact]
    public void A_frame_over_the_pixel_limit_is_refused_before_detection()
    {
        using var analyzer = new FaceEmotionAnalyzer(SharedData.YuNetModelPath);
        using var huge = new Mat(5_000, 5_001, MatType.CV_8UC1, Scalar.All(128));
        using var largest = new Mat(5_000, 5_000, MatType.CV_8UC1, Scalar.All(128));

        ImageTooLargeException error = Assert.Throws<ImageTooLargeException>(() => analyzer.Analyze(huge));

        Assert.Contains("5001 x 5000", error.Message);
        Assert.Contains(ImageLimits.MaxPixels.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Empty(analyzer.Analyze(largest));
    }

    [Fact]
    public void An_image_over_the_pixel_limit_is_refused_before_detection()
    {
        using var analyzer = new FaceEmotionAnalyzer(SharedData.YuNetModelPath);
        using MLImage huge = MLImage.CreateFromPixels(5_001, 5_000, MLPixelFormat.Bgra32, new byte[5_001 * 5_000 * 4]);

        Assert.Contains("5001 x 5000", Assert.Throws<ImageTooLargeException>(() => analyzer.Analyze(huge)).Message);
    }
}
