using static TorchSharp.torch;

namespace FerNet.Training.Augmentation;

/// <summary>
/// Augments whole batches with tensor operations, one affine resampling per batch rather than a
/// loop over images, so that augmentation costs a small fraction of a training step.
/// </summary>
internal static class BatchAugmenter
{
    /// <summary>Applies random transforms drawn from <paramref name="generator"/> to a [B, 1, H, W] float batch.</summary>
    public static Tensor Apply(Tensor images, AugmentationSettings settings, Generator generator)
    {
        long batch = images.shape[0];
        Tensor result = images;
        if (settings.HasGeometry)
        {
            Tensor angles = Uniform(batch, -settings.MaxRotationDegrees, settings.MaxRotationDegrees, generator);
            Tensor zoomX = Uniform(batch, settings.MinZoom, settings.MaxZoom, generator);
            Tensor zoomY = settings.IndependentZoomAxes ? Uniform(batch, settings.MinZoom, settings.MaxZoom, generator) : zoomX;
            Tensor flip = settings.HorizontalFlip ? rand(batch, generator: generator) < 0.5 : zeros(batch, ScalarType.Bool);
            Tensor shiftX = Uniform(batch, -settings.MaxShiftFraction, settings.MaxShiftFraction, generator);
            Tensor shiftY = Uniform(batch, -settings.MaxShiftFraction, settings.MaxShiftFraction, generator);
            result = Transform(result, angles, zoomX, zoomY, flip, shiftX, shiftY);
        }

        if (settings.ErasingProbability > 0)
        {
            result = Erase(result, settings, generator);
        }

        return result;
    }

    /// <summary>
    /// Rotates (degrees, counter-clockwise as seen), zooms (factor above 1 shows a larger area), mirrors
    /// and shifts (fraction of the image size) each image of a [B, 1, H, W] batch. Pixels that come
    /// from outside the image repeat the nearest edge pixel, as Keras' default fill mode does.
    /// </summary>
    public static Tensor Transform(Tensor images, Tensor angleDegrees, Tensor zoomX, Tensor zoomY, Tensor flip, Tensor shiftX, Tensor shiftY)
    {
        using var scope = NewDisposeScope();
        Tensor radians = angleDegrees.to(ScalarType.Float32) * (MathF.PI / 180f);
        Tensor cos = radians.cos();
        Tensor sin = radians.sin();
        Tensor mirror = where(flip, tensor(-1f), tensor(1f));
        Tensor sx = zoomX.to(ScalarType.Float32) * mirror;
        Tensor sy = zoomY.to(ScalarType.Float32);

        // affine_grid maps each output coordinate (normalised to [-1, 1]) to the input coordinate it
        // samples: input = R(angle) · diag(sx, sy) · output + shift. A shift of f of the image is 2f
        // in normalised units; it is negated so that a positive shift moves the face right/down.
        Tensor theta = stack(
            [
                stack([cos * sx, -sin * sy, shiftX.to(ScalarType.Float32) * -2f], 1),
                stack([sin * sx, cos * sy, shiftY.to(ScalarType.Float32) * -2f], 1),
            ],
            1);
        Tensor grid = nn.functional.affine_grid(theta, images.shape, align_corners: false);
        Tensor output = nn.functional.grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
        return output.MoveToOuterDisposeScope();
    }

    private static Tensor Erase(Tensor images, AugmentationSettings settings, Generator generator)
    {
        using var scope = NewDisposeScope();
        long batch = images.shape[0];
        long height = images.shape[2];
        long width = images.shape[3];
        Tensor area = Uniform(batch, settings.ErasingMinArea, settings.ErasingMaxArea, generator);
        Tensor logAspect = Uniform(batch, Math.Log(0.3), Math.Log(1 / 0.3), generator);
        Tensor aspect = logAspect.exp();
        Tensor boxHeight = (area * aspect).sqrt().mul(height).clamp(1, height).floor();
        Tensor boxWidth = (area / aspect).sqrt().mul(width).clamp(1, width).floor();
        Tensor top = (rand(batch, generator: generator) * (height - boxHeight + 1)).floor();
        Tensor left = (rand(batch, generator: generator) * (width - boxWidth + 1)).floor();
        Tensor apply = rand(batch, generator: generator) < settings.ErasingProbability;

        Tensor rows = arange(height, ScalarType.Float32).view(1, height, 1);
        Tensor cols = arange(width, ScalarType.Float32).view(1, 1, width);
        Tensor inRows = (rows >= top.view(-1, 1, 1)).logical_and(rows < (top + boxHeight).view(-1, 1, 1));
        Tensor inCols = (cols >= left.view(-1, 1, 1)).logical_and(cols < (left + boxWidth).view(-1, 1, 1));
        Tensor mask = inRows.logical_and(inCols).logical_and(apply.view(-1, 1, 1)).unsqueeze(1);
        Tensor noise = rand(images.shape, generator: generator);
        return where(mask, noise, images).MoveToOuterDisposeScope();
    }

    private static Tensor Uniform(long count, double low, double high, Generator generator) =>
        low == high ? full(count, low, ScalarType.Float32) : rand(count, generator: generator) * (high - low) + low;
}
