namespace FerNet.Faces.Detection;

/// <summary>
/// The names YuNet's ONNX graph gives its input and outputs, in the order OpenCV's
/// <c>FaceDetectorYN</c> asks for them: per stride 8, 16 and 32 a face score (<c>cls</c>), an
/// objectness (<c>obj</c>), a box (<c>bbox</c>: centre offset and log size, 4 values) and five
/// landmarks (<c>kps</c>: 10 values), one row per cell of that stride's grid.
/// </summary>
internal static class YuNetOutputs
{
    /// <summary>The input: 1 x 3 x height x width, BGR, 0-255, height and width multiples of <see cref="Divisor"/>.</summary>
    public const string InputName = "input";

    /// <summary>The input's sides are padded to a multiple of this, YuNet's coarsest stride.</summary>
    public const int Divisor = 32;

    /// <summary>Values per cell of the box output.</summary>
    public const int BoxValues = 4;

    /// <summary>Values per cell of the landmark output: x and y of five points.</summary>
    public const int LandmarkValues = 10;

    /// <summary>The strides of YuNet's three feature maps, finest first.</summary>
    public static readonly int[] Strides = [8, 16, 32];

    /// <summary>The twelve output names: cls, obj, bbox, kps, each for strides 8, 16 and 32.</summary>
    public static readonly string[] Names =
        [.. new[] { "cls", "obj", "bbox", "kps" }.SelectMany(head => Strides.Select(stride => $"{head}_{stride}"))];
}
