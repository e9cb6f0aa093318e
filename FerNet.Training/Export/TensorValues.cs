using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Export;

/// <summary>Copies a tensor's values, wherever it lives and whatever its type, into a managed array.</summary>
internal static class TensorValues
{
    public static float[] ToFloats(Tensor tensor) => Copy<float>(tensor, ScalarType.Float32);

    public static double[] ToDoubles(Tensor tensor) => Copy<double>(tensor, ScalarType.Float64);

    private static T[] Copy<T>(Tensor tensor, ScalarType type)
        where T : unmanaged
    {
        using DisposeScope scope = NewDisposeScope();
        return tensor.detach().cpu().to_type(type).contiguous().data<T>().ToArray();
    }
}
