using FerNet.Training.Models;

namespace FerNet.Training.Export;

/// <summary>How far an ONNX export's outputs are from the TorchSharp model's on the same images.</summary>
/// <param name="Images">The number of images compared.</param>
/// <param name="MaxProbabilityDifference">The largest absolute difference of any probability.</param>
/// <param name="MaxLogitDifference">The largest absolute difference of any logit.</param>
/// <param name="PredictionDisagreements">Images whose most probable class differs.</param>
internal sealed record OnnxParityReport(int Images, double MaxProbabilityDifference, double MaxLogitDifference, int PredictionDisagreements)
{
    /// <summary>
    /// Scores <paramref name="pixels"/> (pixel/255 values, 2304 per image) with both the TorchSharp
    /// model and the ONNX file, in batches of <paramref name="batchSize"/>, and compares the results.
    /// </summary>
    public static OnnxParityReport Measure(FerModel model, OnnxModelRunner onnx, ReadOnlySpan<float> pixels, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        return Compare(TorchReference.Score(model, pixels, batchSize), onnx.Score(pixels, batchSize));
    }

    /// <summary>Compares ONNX outputs with TorchSharp outputs for the same images.</summary>
    /// <exception cref="ArgumentException">The two cover different numbers of images.</exception>
    public static OnnxParityReport Compare(ClassScores torch, ClassScores onnx)
    {
        ArgumentNullException.ThrowIfNull(torch);
        ArgumentNullException.ThrowIfNull(onnx);
        if (torch.Count != onnx.Count)
        {
            throw new ArgumentException($"TorchSharp scored {torch.Count} images but ONNX scored {onnx.Count}.", nameof(onnx));
        }

        int disagreements = Enumerable.Range(0, torch.Count).Count(i => torch.PredictedClass(i) != onnx.PredictedClass(i));
        return new OnnxParityReport(torch.Count, MaxDifference(torch.Probabilities, onnx.Probabilities), MaxDifference(torch.Logits, onnx.Logits), disagreements);
    }

    private static double MaxDifference(IReadOnlyList<float> expected, IReadOnlyList<float> actual)
    {
        double max = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            max = Math.Max(max, Math.Abs((double)expected[i] - actual[i]));
        }

        return max;
    }
}
