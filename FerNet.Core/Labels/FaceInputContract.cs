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
}
