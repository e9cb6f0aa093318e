namespace FerNet.Core;

/// <summary>
/// What every FerNet model takes: one 48x48 grayscale face crop, row-major, as float32 values
/// pixel / 255 in [0, 1], laid out as a [N, 1, 48, 48] tensor. Training, export and inference all
/// use these constants so that preprocessing cannot drift apart.
/// </summary>
public static class FaceInputContract
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = 48;

    /// <summary>Image height in pixels.</summary>
    public const int Height = 48;

    /// <summary>Number of channels (grayscale).</summary>
    public const int Channels = 1;

    /// <summary>Pixels per image (<see cref="Width"/> x <see cref="Height"/>).</summary>
    public const int PixelCount = Width * Height;

    /// <summary>The factor that maps an 8-bit pixel to the model's input range [0, 1].</summary>
    public const float PixelScale = 1f / 255f;

    /// <summary>The ONNX input name.</summary>
    public const string InputName = "input";

    /// <summary>The ONNX output name holding the seven class probabilities.</summary>
    public const string OutputName = "probabilities";

    /// <summary>The ONNX output name holding the seven logits (pre-softmax scores).</summary>
    public const string LogitsName = "logits";

    /// <summary>
    /// The part of a <paramref name="width"/> x <paramref name="height"/> face crop that becomes the
    /// model's 48x48 input: the centre square of side min(width, height), which is then scaled to
    /// 48x48. Scaling to cover the 48x48 input and cropping its centre keeps a face's proportions
    /// where stretching would squash them; FerNet.Inference applies this rule through ML.NET's
    /// resize, and training decodes its images by it, so a non-square crop is seen the same way in both.
    /// </summary>
    /// <param name="width">Width of the crop in pixels.</param>
    /// <param name="height">Height of the crop in pixels.</param>
    /// <returns>The square's left column, top row and side, in pixels of the crop. When the margin to
    /// cut is odd, the extra pixel is cut on the right or at the bottom.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or <paramref name="height"/> is not positive.</exception>
    public static (int X, int Y, int Size) CentreSquare(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int size = Math.Min(width, height);
        return ((width - size) / 2, (height - size) / 2, size);
    }
}
