using FerNet.Training.Export;

namespace FerNet.Training.Tests.Export;

/// <summary>What "the ONNX file computes what the TorchSharp model computes" means in FerNet's tests.</summary>
internal static class ParityAssert
{
    /// <summary>The largest absolute difference allowed between any TorchSharp and ONNX probability.</summary>
    public const double ProbabilityTolerance = 1e-4;

    /// <summary>Asserts that <paramref name="report"/> covers <paramref name="images"/> images, every probability is within tolerance and every prediction agrees.</summary>
    public static void Matches(OnnxParityReport report, int images)
    {
        Assert.Equal(images, report.Images);
        Assert.True(
            report.MaxProbabilityDifference <= ProbabilityTolerance,
            $"ONNX probabilities differ from TorchSharp's by up to {report.MaxProbabilityDifference:G3} (tolerance {ProbabilityTolerance:G3}).");
        Assert.Equal(0, report.PredictionDisagreements);
    }
}
