using FerNet.Core;
using FerNet.Training.Export;
using FerNet.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Export;

/// <summary>Puts models into the states an exporter must handle.</summary>
internal static class TestModels
{
    /// <summary>
    /// A few SGD steps on random images and labels in train mode, then BatchNorm running statistics
    /// measured on <paramref name="pixels"/> and random BatchNorm scales and shifts, so that no layer
    /// is at its initial, identity-like state. Leaves the model in train mode.
    /// </summary>
    public static void Perturb(FerModel model, ReadOnlySpan<float> pixels, int seed)
    {
        random.manual_seed(seed);
        model.train();
        using (var optimizer = optim.SGD(model.parameters(), 0.001))
        {
            for (int step = 0; step < 3; step++)
            {
                using DisposeScope scope = NewDisposeScope();
                optimizer.zero_grad();
                Tensor loss = nn.functional.cross_entropy(model.forward(rand(8, 1, 48, 48)), randint(0, EmotionLabels.Count, [8]));
                if (model.HasL2Penalty)
                {
                    loss = loss + model.L2Penalty();
                }

                loss.backward();
                optimizer.step();
            }
        }

        SetBatchNormStatistics(model, pixels);
        model.train();
    }

    /// <summary>
    /// Scales the last layer so that, over <paramref name="pixels"/>, each logit varies from image to
    /// image with a standard deviation of about one: random weights otherwise give nearly the same
    /// probabilities for every image, which would make a parity check all but vacuous.
    /// </summary>
    public static void SpreadLogits(FerModel model, ReadOnlySpan<float> pixels)
    {
        ClassScores scores = TorchReference.Score(model, pixels, 64);
        double spread = Enumerable.Range(0, EmotionLabels.Count).Average(c => StandardDeviation(scores, c));
        var classifier = (Linear)model.Layers.Last().Layer;
        using IDisposable noGrad = no_grad();
        classifier.weight!.mul_(1 / spread);
        classifier.bias?.mul_(1 / spread);
    }

    private static void SetBatchNormStatistics(FerModel model, ReadOnlySpan<float> pixels)
    {
        model.eval();
        using IDisposable noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(pixels.ToArray(), [pixels.Length / FaceInputContract.PixelCount, 1, FaceInputContract.Height, FaceInputContract.Width]);
        LayerWalk.Run(model, x, new StatisticsSpreader(), evalSemantics: false);
    }

    private static double StandardDeviation(ClassScores scores, int label)
    {
        double[] logits = Enumerable.Range(0, scores.Count).Select(i => (double)scores.Logits[i * EmotionLabels.Count + label]).ToArray();
        double mean = logits.Average();
        return Math.Sqrt(logits.Average(v => (v - mean) * (v - mean)));
    }

    /// <summary>The forward pass that gives each BatchNorm, blocks' included, statistics near those of its input.</summary>
    private sealed class StatisticsSpreader : TensorForward
    {
        public override Tensor Layer(string name, nn.Module layer, Tensor input)
        {
            if (layer is BatchNorm2d norm)
            {
                long channels = norm.num_features;
                norm.running_mean!.copy_(input.mean([0, 2, 3]) + randn(channels) * 0.1);
                norm.running_var!.copy_(input.var([0, 2, 3], unbiased: false) * (rand(channels) * 0.5 + 0.75));
                norm.weight!.copy_(rand(channels) + 0.5);
                norm.bias!.copy_(randn(channels) * 0.1);
            }

            return base.Layer(name, layer, input);
        }
    }
}
