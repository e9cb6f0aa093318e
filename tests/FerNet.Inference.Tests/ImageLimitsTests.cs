using FerNet.Inference;

namespace FerNet.Inference.Tests;

public sealed class ImageLimitsTests
{
    [Fact]
    public void An_image_at_the_pixel_bound_passes()
    {
        ImageLimits.ThrowIfTooLarge(5000, 5000, "The frame");
        ImageLimits.ThrowIfTooLarge(int.MaxValue, 0, "The frame");
    }

    [Fact]
    public void An_image_past_the_pixel_bound_is_refused_with_its_name_and_size()
    {
        var error = Assert.Throws<ImageTooLargeException>(() => ImageLimits.ThrowIfTooLarge(5001, 5000, "The frame"));

        Assert.StartsWith("The frame has 5001 x 5000 = 25,005,000 pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pixel_count_does_not_overflow_for_the_largest_sides()
    {
        Assert.Throws<ImageTooLargeException>(() => ImageLimits.ThrowIfTooLarge(int.MaxValue, int.MaxValue, "The bitmap"));
    }
}
