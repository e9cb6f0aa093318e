using FerNet.Training.Augmentation;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Augmentation;

public sealed class BatchAugmenterTests
{
    /// <summary>A 1x1x8x8 image whose value is 10·row + column, so every transform is recognisable.</summary>
    private static Tensor Ramp() => arange(64, ScalarType.Float32).view(1, 1, 8, 8).div(100);

    private static Tensor Transform(Tensor image, float angle = 0, float zoomX = 1, float zoomY = 1, bool flip = false, float shiftX = 0, float shiftY = 0) =>
        BatchAugmenter.Transform(image, tensor(new[] { angle }), tensor(new[] { zoomX }), tensor(new[] { zoomY }), tensor(new[] { flip }), tensor(new[] { shiftX }), tensor(new[] { shiftY }));

    [Fact]
    public void IdentityLeavesTheImageAsItIs()
    {
        using Tensor image = Ramp();
        using Tensor output = Transform(image);

        Assert.True(output.allclose(image, atol: 1e-5));
    }

    [Fact]
    public void FlipMirrorsLeftToRight()
    {
        using Tensor image = Ramp();
        using Tensor output = Transform(image, flip: true);

        Assert.True(output.allclose(image.flip(3), atol: 1e-5));
    }

    [Fact]
    public void QuarterTurnRotatesTheImage()
    {
        using Tensor image = Ramp();
        using Tensor output = Transform(image, angle: 90);

        // A 90-degree turn of a square image is an exact transpose plus flip; which flip depends on the direction.
        bool counterClockwise = output.allclose(image.rot90(1, (2, 3)), atol: 1e-4);
        bool clockwise = output.allclose(image.rot90(-1, (2, 3)), atol: 1e-4);
        Assert.True(counterClockwise ^ clockwise);
    }

    [Fact]
    public void ZoomAboveOneShrinksTheContent()
    {
        using Tensor image = zeros(1, 1, 48, 48);
        image[0, 0, 16..32, 16..32] = tensor(1f);
        using Tensor output = Transform(image, zoomX: 1.3f, zoomY: 1.3f);

        float before = image.sum().item<float>();
        float after = output.sum().item<float>();
        Assert.InRange(after / before, 1 / (1.3 * 1.3) - 0.08, 1 / (1.3 * 1.3) + 0.08);
    }

    [Fact]
    public void PositiveShiftMovesContentRight()
    {
        using Tensor image = zeros(1, 1, 8, 8);
        image[0, 0, .., 2] = tensor(1f);
        using Tensor output = Transform(image, shiftX: 0.25f);

        Assert.Equal(8f, output[0, 0, .., 4].sum().item<float>(), 3);
        Assert.Equal(0f, output[0, 0, .., 2].sum().item<float>(), 3);
    }

    [Fact]
    public void RandomAugmentationIsReproducibleForASeed()
    {
        using Tensor images = rand(16, 1, 48, 48);
        using var first = new Generator(42, CPU);
        using var second = new Generator(42, CPU);

        using Tensor a = BatchAugmenter.Apply(images, AugmentationSettings.FerNet, first);
        using Tensor b = BatchAugmenter.Apply(images, AugmentationSettings.FerNet, second);

        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.allclose(images));
    }

    [Fact]
    public void RandomErasingReplacesARectangle()
    {
        using Tensor images = zeros(64, 1, 48, 48);
        using var generator = new Generator(3, CPU);
        var settings = new AugmentationSettings(ErasingProbability: 1, ErasingMinArea: 0.1, ErasingMaxArea: 0.1);

        using Tensor output = BatchAugmenter.Apply(images, settings, generator);
        using Tensor changedShare = output.ne(0).to(ScalarType.Float32).mean([1, 2, 3]);

        Assert.True(changedShare.min().item<float>() > 0.05f);
        Assert.True(changedShare.max().item<float>() < 0.15f);
    }

    [Fact]
    public void ZoomRangeIsValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AugmentationSettings(MinZoom: 1.2, MaxZoom: 0.8).Validate());
    }
}
