using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>
/// The reading of a model's layers that computes its output, as its own forward pass does. Readings
/// that also observe or change the computation (shapes, statistics, precision) derive from it.
/// </summary>
internal class TensorForward : ILayerTranslation<Tensor>
{
    /// <inheritdoc/>
    public virtual Tensor Layer(string name, nn.Module layer, Tensor input) => ((nn.Module<Tensor, Tensor>)layer).forward(input);

    /// <inheritdoc/>
    public virtual Tensor Residual(string name, Tensor main, Tensor shortcut) => ResidualBlock.Join(main, shortcut);
}
