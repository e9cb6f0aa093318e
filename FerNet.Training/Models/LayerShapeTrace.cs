using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>The forward pass that records each layer's and each residual join's output shape and parameter count (<see cref="FerModel.Trace"/>).</summary>
internal sealed class LayerShapeTrace : TensorForward
{
    private readonly List<(string Name, string Type, long[] Shape, long Parameters)> _rows = [];

    /// <summary>The rows so far, in forward order.</summary>
    public IReadOnlyList<(string Name, string Type, long[] Shape, long Parameters)> Rows => _rows;

    /// <inheritdoc/>
    public override Tensor Layer(string name, nn.Module layer, Tensor input)
    {
        Tensor output = base.Layer(name, layer, input);
        _rows.Add((name, layer.GetType().Name, output.shape, layer.parameters().Sum(p => p.numel())));
        return output;
    }

    /// <inheritdoc/>
    public override Tensor Residual(string name, Tensor main, Tensor shortcut)
    {
        Tensor output = base.Residual(name, main, shortcut);
        _rows.Add((name, "Add+ReLU", output.shape, 0));
        return output;
    }
}
