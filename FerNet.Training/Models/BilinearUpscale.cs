using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>
/// Resizes the face to <see cref="Side"/>x<see cref="Side"/> by bilinear interpolation (half-pixel
/// centres, no antialiasing), so that a network built for larger images keeps FerNet's 48x48 input
/// contract: the upscaling is part of the model and of its exported graph (an ONNX Resize).
/// </summary>
internal sealed class BilinearUpscale : nn.Module<Tensor, Tensor>
{
    /// <summary>An upscaling to <paramref name="side"/> pixels square.</summary>
    public BilinearUpscale(long side)
        : base(nameof(BilinearUpscale))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        Side = side;
    }

    /// <summary>The output's height and width.</summary>
    public long Side { get; }

    public override Tensor forward(Tensor input) =>
        nn.functional.interpolate(input, [Side, Side], mode: InterpolationMode.Bilinear, align_corners: false);
}
