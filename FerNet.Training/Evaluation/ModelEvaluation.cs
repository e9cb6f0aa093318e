using FerNet.Core;
using FerNet.Tooling.Metrics;
using FerNet.Training.Data;
using FerNet.Training.Models;
using static TorchSharp.torch;

namespace FerNet.Training.Evaluation;

/// <summary>Scores a TorchSharp model on a dataset in eval mode, without gradients.</summary>
internal static class ModelEvaluation
{
    /// <summary>Class probabilities (N x 7, row-major) and mean cross-entropy of <paramref name="model"/> on <paramref name="data"/>.</summary>
    public static (float[] Probabilities, double Loss) Predict(FerModel model, FaceDataset data, int batchSize = 256)
    {
        bool wasTraining = model.training;
        model.eval();
        var probabilities = new float[data.Count * EmotionLabels.Count];
        double lossSum = 0;
        int[] all = Enumerable.Range(0, data.Count).ToArray();
        using (no_grad())
        {
            for (int start = 0; start < data.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                ReadOnlySpan<int> indices = all.AsSpan(start, Math.Min(batchSize, data.Count - start));
                Tensor logits = model.forward(BatchTensors.Pixels(data, indices));
                lossSum += nn.functional.cross_entropy(logits, BatchTensors.Labels(data, indices), reduction: nn.Reduction.Sum).item<float>();
                nn.functional.softmax(logits, 1).data<float>().CopyTo(probabilities.AsSpan(start * EmotionLabels.Count));
            }
        }

        model.train(wasTraining);
        return (probabilities, data.Count == 0 ? 0 : lossSum / data.Count);
    }

    /// <summary>The classification report of <paramref name="model"/> on <paramref name="data"/>.</summary>
    public static ClassificationReport Report(FerModel model, FaceDataset data)
    {
        (float[] probabilities, _) = Predict(model, data);
        return ClassificationReport.FromPredictions(data.Labels, ArgMax(probabilities));
    }

    /// <summary>The index of the largest probability in each row.</summary>
    public static Emotion[] ArgMax(float[] probabilities)
    {
        var predicted = new Emotion[probabilities.Length / EmotionLabels.Count];
        for (int i = 0; i < predicted.Length; i++)
        {
            predicted[i] = EmotionLabels.MostProbable(probabilities.AsSpan(i * EmotionLabels.Count, EmotionLabels.Count));
        }

        return predicted;
    }
}
