using FerNet.Core;
using FerNet.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Export;

/// <summary>
/// What one 48x48 image costs a model: multiply-accumulates (MACs) of its convolutions and linear
/// layers, the usual measure of CNN compute (bias adds, BatchNorm, activations, pooling, upscaling
/// and residual adds are left out as negligible), and its trainable parameter count.
/// </summary>
/// <param name="MultiplyAccumulates">Multiply-accumulates per image.</param>
/// <param name="Parameters">Trainable parameters.</param>
internal sealed record ModelCost(long MultiplyAccumulates, long Parameters)
{
    /// <summary>Measures <paramref name="model"/> by passing one image through it.</summary>
    public static ModelCost Of(FerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var counter = new MultiplyAccumulateCounter();
        bool wasTraining = model.training;
        model.eval();
        using (no_grad())
        using (NewDisposeScope())
        {
            LayerWalk.Run(model, zeros(1, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width), counter, evalSemantics: false);
        }

        model.train(wasTraining);
        return new ModelCost(counter.Total, model.TrainableParameterCount);
    }

    /// <summary>The forward pass that adds up each convolution's and linear layer's multiply-accumulates.</summary>
    private sealed class MultiplyAccumulateCounter : TensorForward
    {
        public long Total { get; private set; }

        public override Tensor Layer(string name, nn.Module layer, Tensor input)
        {
            Tensor output = base.Layer(name, layer, input);
            long outputs = output.numel();
            Total += layer switch
            {
                Conv2d conv => outputs * (conv.in_channels / conv.groups) * conv.kernel_size.Aggregate(1L, (product, k) => product * k),
                Linear linear => outputs * linear.in_features,
                _ => 0,
            };
            return output;
        }
    }
}
