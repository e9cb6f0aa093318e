using FerNet.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Export;

/// <summary>
/// What one 48x48 image costs a model: multiply-accumulates (MACs) of its convolutions and linear
/// layers, the usual measure of CNN compute (bias adds, BatchNorm, activations and pooling are
/// left out as negligible), and its trainable parameter count.
/// </summary>
/// <param name="MultiplyAccumulates">Multiply-accumulates per image.</param>
/// <param name="Parameters">Trainable parameters.</param>
internal sealed record ModelCost(long MultiplyAccumulates, long Parameters)
{
    /// <summary>Measures <paramref name="model"/> by tracing one image through it.</summary>
    public static ModelCost Of(FerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Dictionary<string, long[]> shapes = model.Trace().ToDictionary(row => row.Name, row => row.Shape);
        long macs = 0;
        foreach ((string name, nn.Module layer) in model.Layers)
        {
            long outputs = shapes[name].Aggregate(1L, (product, dim) => product * dim);
            macs += layer switch
            {
                Conv2d conv => outputs * (conv.in_channels / conv.groups) * conv.kernel_size.Aggregate(1L, (product, k) => product * k),
                Linear linear => outputs * linear.in_features,
                _ => 0,
            };
        }

        return new ModelCost(macs, model.TrainableParameterCount);
    }
}
