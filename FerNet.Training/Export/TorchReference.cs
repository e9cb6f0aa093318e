using FerNet.Core;
using FerNet.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Export;

/// <summary>What FerNet's own forward pass says about images: the reference an ONNX export must reproduce.</summary>
internal static class TorchReference
{
    /// <summary>
    /// Scores images given as pixel/255 values, 2304 per image, in batches of <paramref name="batchSize"/>,
    /// with <paramref name="model"/> in eval mode; the model's mode is restored afterwards.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> does not hold whole images.</exception>
    public static ClassScores Score(FerModel model, ReadOnlySpan<float> pixels, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        int count = ImageBatches.Count(pixels, batchSize);
        var probabilities = new float[count * EmotionLabels.Count];
        var logits = new float[count * EmotionLabels.Count];
        bool wasTraining = model.training;
        model.eval();
        try
        {
            Device device = model.parameters().First().device;
            using IDisposable noGrad = no_grad();
            for (int start = 0; start < count; start += batchSize)
            {
                using DisposeScope scope = NewDisposeScope();
                int size = Math.Min(batchSize, count - start);
                float[] batch = pixels.Slice(start * FaceInputContract.PixelCount, size * FaceInputContract.PixelCount).ToArray();
                Tensor output = model.forward(tensor(batch, [size, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width]).to(device));
                TensorValues.ToFloats(output).CopyTo(logits.AsSpan(start * EmotionLabels.Count));
                TensorValues.ToFloats(output.softmax(1)).CopyTo(probabilities.AsSpan(start * EmotionLabels.Count));
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return new ClassScores(probabilities, logits);
    }
}
