using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>
/// One reading of a <see cref="FerModel"/>'s layers, visited by <see cref="LayerWalk"/> in forward
/// order: computing tensors (<see cref="TensorForward"/>), writing ONNX nodes, reading weights back,
/// counting cost. Each reading says what one layer, one folded convolution and BatchNorm pair, and
/// one residual join mean to it; the walk supplies the model's structure, so that a new block kind
/// is taught to every reading at once.
/// </summary>
/// <typeparam name="T">What flows between layers: a tensor, an ONNX tensor name, a shape.</typeparam>
internal interface ILayerTranslation<T>
{
    /// <summary>Translates one layer, named by its path in the model (<c>layer2_0.conv1</c>), applied to <paramref name="input"/>.</summary>
    T Layer(string name, nn.Module layer, T input);

    /// <summary>
    /// Translates a convolution directly followed by a BatchNorm, which eval-mode readings may fold
    /// into one operation; by default the two layers one after the other.
    /// </summary>
    T ConvNorm(string convName, Conv2d conv, string normName, BatchNorm2d norm, T input) =>
        Layer(normName, norm, Layer(convName, conv, input));

    /// <summary>Joins a <see cref="ResidualBlock"/>'s main path and shortcut: ReLU of their sum.</summary>
    T Residual(string name, T main, T shortcut);
}
