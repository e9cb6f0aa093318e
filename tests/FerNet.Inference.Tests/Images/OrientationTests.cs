using FerNet.Inference;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Inference.Tests.Images;

/// <summary>
/// A JPEG stored turned, with an EXIF orientation tag saying how to show it (as phone cameras
/// write them), is scored upright: exactly as the same pixels turned upright by ImageSharp's
/// AutoOrient, an implementation of the EXIF rules independent of FerNet's.
/// </summary>
public sealed class OrientationTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void A_turned_jpeg_is_scored_as_its_upright_picture(ushort orientation)
    {
        // Not square, so that a quarter turn shows in the size too.
        byte[] stored = TestFaces.EncodeAndDispose(TestFaces.Gray(seed: 61, width: 64, height: 48), "jpeg");
        byte[] tagged = ExifJpeg.WithOrientation(stored, orientation);
        using MLImage upright = UprightByImageSharp(stored, orientation);

        using MLImage loaded = ImageLoader.Load(tagged);
        EmotionPrediction actual = fixture.Model.Predict(tagged);
        EmotionPrediction expected = fixture.Model.Predict(upright);

        Assert.Equal((upright.Width, upright.Height), (loaded.Width, loaded.Height));
        Assert.Equal(upright.GetBGRPixels, loaded.GetBGRPixels);
        for (int i = 0; i < expected.Probabilities.Count; i++)
        {
            Assert.True(Math.Abs(expected.Probabilities[i] - actual.Probabilities[i]) <= Tolerance, $"orientation {orientation}: {actual} instead of {expected}.");
        }

        Assert.NotEqual(fixture.Model.Predict(stored), actual);
    }

    [Fact]
    public void The_normal_orientation_changes_nothing()
    {
        byte[] stored = TestFaces.EncodeAndDispose(TestFaces.Gray(seed: 62, width: 64, height: 48), "jpeg");

        Assert.Equal(fixture.Model.Predict(stored), fixture.Model.Predict(ExifJpeg.WithOrientation(stored, 1)));
    }

    /// <summary>The stored JPEG decoded by FerNet without its tag, then turned by ImageSharp as the tag says.</summary>
    private static MLImage UprightByImageSharp(byte[] stored, ushort orientation)
    {
        using MLImage decoded = ImageLoader.Load(stored);
        using Image<Bgr24> image = Image.LoadPixelData<Bgr24>(decoded.GetBGRPixels, decoded.Width, decoded.Height);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, orientation);
        image.Mutate(context => context.AutoOrient());
        var bgra = new byte[image.Width * image.Height * 4];
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                Span<Bgr24> row = rows.GetRowSpan(y);
                for (int x = 0; x < row.Length; x++)
                {
                    int at = ((y * rows.Width) + x) * 4;
                    (bgra[at], bgra[at + 1], bgra[at + 2], bgra[at + 3]) = (row[x].B, row[x].G, row[x].R, byte.MaxValue);
                }
            }
        });
        return MLImage.CreateFromPixels(image.Width, image.Height, MLPixelFormat.Bgra32, bgra);
    }
}
