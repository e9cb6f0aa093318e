using FerNet.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Import;

/// <summary>
/// Gives BatchNorm layers that came back from a folded export (<see cref="OnnxWeightImport"/>)
/// statistics measured on training images, without changing what the model computes in eval mode.
/// </summary>
/// <remarks>
/// For a folded layer the convolution already yields the normalised, scaled value x, and the layer adds
/// the folded bias b. Measuring x's per-channel mean m and variance v and setting mean m, variance v,
/// scale √(v+ε) and shift b + m keeps the eval-mode output at exactly x + b, while in training mode,
/// where BatchNorm uses each batch's statistics, the layer now also yields about x + b instead of a
/// unit-variance value: fine-tuning starts from the network that was exported, not a rescaled one.
/// </remarks>
internal static class FoldedNormCalibration
{
    /// <summary>Measures the inputs of <paramref name="foldedNorms"/> on <paramref name="images"/> and sets their statistics.</summary>
    /// <param name="model">The model the weights were read into; its mode is left as it was.</param>
    /// <param name="foldedNorms">Names of the folded BatchNorm layers (<see cref="ImportedWeights.FoldedNorms"/>).</param>
    /// <param name="images">Training images, [N, 1, 48, 48] pixel/255, N ≥ 2.</param>
    public static void Calibrate(FerModel model, IReadOnlyCollection<string> foldedNorms, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        if (foldedNorms.Count == 0)
        {
            return;
        }

        if (images.shape[0] < 2)
        {
            throw new ArgumentException($"Calibrating BatchNorm statistics needs at least 2 images; got {images.shape[0]}.", nameof(images));
        }

        bool wasTraining = model.training;
        model.eval();
        using (no_grad())
        using (NewDisposeScope())
        {
            LayerWalk.Run(model, images, new StatisticsMeasurement(foldedNorms), evalSemantics: false);
        }

        model.train(wasTraining);
    }

    /// <summary>The eval-mode forward pass that sets each folded BatchNorm's statistics from the values reaching it.</summary>
    private sealed class StatisticsMeasurement(IReadOnlyCollection<string> foldedNorms) : TensorForward
    {
        public override Tensor Layer(string name, nn.Module layer, Tensor input)
        {
            if (layer is BatchNorm2d norm && foldedNorms.Contains(name))
            {
                // Eval mode with mean 0 and variance 1 − ε is the identity plus the folded bias, so the
                // values reaching this layer are what training-mode BatchNorm will normalise.
                Tensor mean = input.mean([0, 2, 3]);
                Tensor variance = input.var([0, 2, 3], unbiased: false);
                Tensor foldedBias = norm.bias!.clone();
                norm.running_mean!.copy_(mean);
                norm.running_var!.copy_(variance);
                norm.weight!.copy_((variance + norm.eps).sqrt());
                norm.bias!.copy_(foldedBias + mean);
            }

            return base.Layer(name, layer, input);
        }
    }
}
