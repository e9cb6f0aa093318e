using FerNet.Core;
using FerNet.Inference.Images;
using FerNet.Inference.Pipeline;
using Microsoft.ML;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using FerNet.Testing.Images;

namespace FerNet.Inference.Tests.Images;

/// <summary>
/// ML.NET's resize (IsoCrop, anchored at the centre) must take from a crop that is not 48x48 the
/// square that FerNet's input contract names: the centre square of side min(width, height), the
/// odd pixel of an odd margin cut on the right or at the bottom, scaled to 48x48.
/// </summary>
/// <remarks>
/// Skia resamples with a cubic filter that blurs even at scale 1, so pixels cannot be compared
/// one by one; but a cubic filter reproduces a linear ramp, so a crop shaded as a ramp along its
/// long side tells, from each output value, which source position that output pixel was sampled
/// at. ML.NET rounds the scaled image's place and size to whole output pixels, which moves the
/// face by less than half an output pixel; at scale 1, a square one pixel off (the odd pixel of an
/// odd margin cut on the other side) would be a whole output pixel away.
/// </remarks>
public sealed class CentreSquareResizeTests : IDisposable
{
    // Ramp values across the centre square; the ramp runs on beyond it, unclipped, for the filter's reach.
    private const double RampStart = 28;
    private const double RampRise = 200;

    // In output pixels. ML.NET's rounding moves sample points by up to about 0.4, which the filter's
    // own rounding spreads a little more; at scale 1 a square one pixel off is a whole one away.
    private const double MaxMeanOffset = 0.5;
    private const double MaxOffset = 1;

    private readonly FacePreprocessing _preprocessing = new(new MLContext(seed: 0));

    public void Dispose() => _preprocessing.Dispose();

    [Theory]
    [InlineData(101, 48)]
    [InlineData(100, 48)]
    [InlineData(49, 48)]
    [InlineData(48, 75)]
    [InlineData(48, 49)]
    [InlineData(192, 96)]
    [InlineData(97, 150)]
    [InlineData(130, 77)]
    [InlineData(61, 300)]
    public void The_resize_samples_the_centre_square(int width, int height)
    {
        (int x, int y, int size) = FaceInputContract.CentreSquare(width, height);
        bool wide = width > height;
        int start = wide ? x : y;
        using Image<L8> crop = Ramp(width, height, wide, start, size);

        float[] face = Preprocess(crop);

        double step = (double)size / FaceInputContract.Width;
        double totalOffset = 0;
        for (int along = 0; along < FaceInputContract.Width; along++)
        {
            double expected = start + ((along + 0.5) * step) - 0.5;
            double sampled = 0;
            for (int across = 0; across < FaceInputContract.Width; across++)
            {
                float value = wide ? face[(across * FaceInputContract.Width) + along] : face[(along * FaceInputContract.Width) + across];
                sampled += start + (((value * 255) - RampStart) * size / RampRise);
            }

            sampled /= FaceInputContract.Width;
            double offset = (sampled - expected) / step;
            Assert.True(
                Math.Abs(offset) <= MaxOffset,
                $"{width}x{height}: output pixel {along} was sampled at {sampled:0.00}, {offset:0.00} output pixels from {expected:0.00} in the centre square at ({x}, {y}) of side {size}.");
            totalOffset += offset;
        }

        double meanOffset = totalOffset / FaceInputContract.Width;
        Assert.True(
            Math.Abs(meanOffset) <= MaxMeanOffset,
            $"{width}x{height}: the 48x48 face lies {meanOffset:0.00} output pixels from the centre square at ({x}, {y}) of side {size}.");
    }

    /// <summary>A crop shaded from <see cref="RampStart"/> at <paramref name="start"/> rising <see cref="RampRise"/> over <paramref name="size"/> pixels along its long side.</summary>
    private static Image<L8> Ramp(int width, int height, bool wide, int start, int size)
    {
        var image = new Image<L8>(width, height);
        for (int row = 0; row < height; row++)
        {
            for (int column = 0; column < width; column++)
            {
                double position = (wide ? column : row) - start;
                image[column, row] = new L8((byte)Math.Clamp(Math.Round(RampStart + (position * RampRise / size)), 0, 255));
            }
        }

        return image;
    }

    private float[] Preprocess(Image<L8> image)
    {
        using MLImage decoded = ImageDecoder.Decode(TestFaces.Encode(image), "test crop");
        var face = new float[FaceInputContract.PixelCount];
        _preprocessing.WriteTensor([decoded], face);
        return face;
    }
}
