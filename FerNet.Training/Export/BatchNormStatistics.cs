using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Export;

/// <summary>
/// What a BatchNorm2d layer applies in eval mode, per channel: (x − <see cref="Mean"/>) /
/// √(<see cref="Variance"/> + <see cref="Epsilon"/>) · <see cref="Scale"/> + <see cref="Shift"/>.
/// </summary>
/// <param name="LayerName">The layer these statistics belong to.</param>
/// <param name="Mean">Running mean μ.</param>
/// <param name="Variance">Running variance σ².</param>
/// <param name="Scale">Learned scale γ (ones when the layer is not affine).</param>
/// <param name="Shift">Learned shift β (zeros when the layer is not affine).</param>
/// <param name="Epsilon">ε added to the variance.</param>
internal sealed record BatchNormStatistics(string LayerName, double[] Mean, double[] Variance, double[] Scale, double[] Shift, double Epsilon)
{
    /// <summary>Reads the eval-mode statistics of <paramref name="norm"/>.</summary>
    /// <exception cref="NotSupportedException">The layer keeps no running statistics, so its eval-mode output depends on the batch.</exception>
    public static BatchNormStatistics Read(string layerName, BatchNorm2d norm)
    {
        if (!norm.track_running_stats || norm.running_mean is null || norm.running_var is null)
        {
            throw new NotSupportedException(
                $"BatchNorm2d layer '{layerName}' keeps no running statistics, so in eval mode it normalises with each batch's own statistics; the ONNX exporter supports running statistics only.");
        }

        double[] mean = TensorValues.ToDoubles(norm.running_mean);
        return new BatchNormStatistics(
            layerName,
            mean,
            TensorValues.ToDoubles(norm.running_var),
            norm.affine && norm.weight is not null ? TensorValues.ToDoubles(norm.weight) : Enumerable.Repeat(1.0, mean.Length).ToArray(),
            norm.affine && norm.bias is not null ? TensorValues.ToDoubles(norm.bias) : new double[mean.Length],
            norm.eps);
    }

    /// <summary>
    /// The kernel and bias of a convolution followed by this normalisation, as one convolution:
    /// channel c's kernel times γ/√(σ²+ε), and bias (b − μ)·γ/√(σ²+ε) + β.
    /// </summary>
    /// <param name="weight">The convolution kernel, [out channels, ...] in row-major order.</param>
    /// <param name="bias">The convolution bias, or null when it has none.</param>
    /// <exception cref="ArgumentException">The convolution does not have one output channel per normalised channel.</exception>
    public (float[] Weight, float[] Bias) FoldInto(float[] weight, float[]? bias)
    {
        int channels = Mean.Length;
        if (weight.Length % channels != 0 || (bias is not null && bias.Length != channels))
        {
            throw new ArgumentException($"BatchNorm layer '{LayerName}' normalises {channels} channels, which does not match the preceding convolution's output.", nameof(weight));
        }

        int perChannel = weight.Length / channels;
        var foldedWeight = new float[weight.Length];
        var foldedBias = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double factor = Scale[c] / Math.Sqrt(Variance[c] + Epsilon);
            for (int k = c * perChannel; k < (c + 1) * perChannel; k++)
            {
                foldedWeight[k] = (float)(weight[k] * factor);
            }

            foldedBias[c] = (float)((((bias?[c]) ?? 0.0) - Mean[c]) * factor + Shift[c]);
        }

        return (foldedWeight, foldedBias);
    }

}
