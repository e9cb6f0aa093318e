using FerNet.Core;
using static TorchSharp.torch;

namespace FerNet.Training.Data;

/// <summary>Turns dataset rows into model-ready tensors under the FER input contract.</summary>
internal static class BatchTensors
{
    /// <summary>Images at <paramref name="indices"/> as a [B, 1, 48, 48] float tensor of pixel / 255.</summary>
    public static Tensor Pixels(FaceDataset data, ReadOnlySpan<int> indices)
    {
        var bytes = new byte[indices.Length * FaceInputContract.PixelCount];
        for (int i = 0; i < indices.Length; i++)
        {
            data.Image(indices[i]).CopyTo(bytes.AsSpan(i * FaceInputContract.PixelCount));
        }

        using Tensor raw = tensor(bytes, [indices.Length, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width]);
        return raw.to(ScalarType.Float32).mul_(FaceInputContract.PixelScale);
    }

    /// <summary>Labels at <paramref name="indices"/> as an int64 tensor of class indices.</summary>
    public static Tensor Labels(FaceDataset data, ReadOnlySpan<int> indices)
    {
        var labels = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            labels[i] = (long)data.Label(indices[i]);
        }

        return tensor(labels);
    }
}
