using static TorchSharp.torch;

namespace FerNet.Training.Torch;

/// <summary>
/// The channels-last (NHWC) memory layout under libtorch's NCHW shapes, which oneDNN prefers on CPUs:
/// a convolution whose input is laid out so computes and returns channels-last, so laying out each batch
/// carries the layout through the network. TorchSharp 0.107 has no <c>memory_format</c> argument, so the
/// layout is set by strides.
/// </summary>
internal static class ChannelsLastLayout
{
    /// <summary>A channels-last copy of an [N, C, H, W] tensor.</summary>
    public static Tensor Copy(Tensor nchw)
    {
        long[] shape = nchw.shape;
        if (shape.Length != 4)
        {
            throw new ArgumentException($"A channels-last layout needs an [N, C, H, W] tensor; this one is [{string.Join(", ", shape)}].", nameof(nchw));
        }

        Tensor copy = empty_strided(shape, Strides(shape), nchw.dtype);
        copy.copy_(nchw);
        return copy;
    }

    /// <summary>Whether <paramref name="tensor"/>'s strides are those of <see cref="Copy"/>.</summary>
    public static bool IsChannelsLast(Tensor tensor)
    {
        long[] shape = tensor.shape;
        return shape.Length == 4 && tensor.stride().SequenceEqual(Strides(shape));
    }

    // NCHW shape over NHWC memory: libtorch reads the layout from the strides.
    private static long[] Strides(long[] shape) => [shape[1] * shape[2] * shape[3], 1, shape[3] * shape[1], shape[1]];
}
