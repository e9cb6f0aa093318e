using FerNet.Training.Quantization;

namespace FerNet.Training.Tests.Quantization;

/// <summary>Activation ranges become uint8 scales and zero points that keep 0 exact, and percentiles clip outliers.</summary>
public sealed class ActivationRangeTests
{
    [Theory]
    [InlineData(0f, 1f)]
    [InlineData(-0.7f, 3.1f)]
    [InlineData(0.5f, 6f)]
    [InlineData(-2f, -0.25f)]
    public void The_levels_cover_the_range_and_zero(float min, float max)
    {
        (float scale, byte zeroPoint) = new ActivationRange(min, max).ToUInt8();

        // Level zeroPoint is 0 itself, and every other level is a whole number of steps from it.
        Assert.Equal(Math.Clamp(MathF.Round(-Math.Min(min, 0) / scale), 0, 255), zeroPoint);
        Assert.True((0 - zeroPoint) * scale <= Math.Min(min, 0) + (scale / 2), $"lowest level {(0 - zeroPoint) * scale} above {min}");
        Assert.True((255 - zeroPoint) * scale >= Math.Max(max, 0) - (scale / 2), $"highest level {(255 - zeroPoint) * scale} below {max}");
    }

    [Fact]
    public void Pixels_over_zero_to_one_quantize_to_their_own_8_bit_values()
    {
        (float scale, byte zeroPoint) = new ActivationRange(0, 1).ToUInt8();

        Assert.Equal(0, zeroPoint);
        Assert.Equal(1f / 255, scale, 1e-9f);
    }

    [Fact]
    public void A_percentile_leaves_rare_outliers_outside()
    {
        var histogram = new ValueHistogram(0, 1000);
        float[] values = [.. Enumerable.Range(0, 100_000).Select(i => i % 1000 / 100f), 1000f];
        histogram.Add(values);

        Assert.InRange(histogram.Percentile(99.9), 9.7f, 10.3f);
        Assert.Equal(1000f, histogram.Percentile(100), 1e-3f);
    }
}
