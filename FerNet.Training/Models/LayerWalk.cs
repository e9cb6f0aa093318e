using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>
/// Walks a <see cref="FerModel"/>'s layers in forward order, descending into
/// <see cref="ResidualBlock"/>s, and hands each step to an <see cref="ILayerTranslation{T}"/>.
/// Layer paths join a block's name and its layer's with a dot, as TorchSharp names their parameters.
/// </summary>
internal static class LayerWalk
{
    /// <summary>Translates <paramref name="model"/> from <paramref name="input"/>.</summary>
    /// <param name="model">The model to walk.</param>
    /// <param name="input">What enters the first layer.</param>
    /// <param name="translation">The reading of each step.</param>
    /// <param name="evalSemantics">
    /// Whether to walk the eval-mode network: Dropout is skipped, and a convolution directly followed
    /// by a BatchNorm (Dropout between them counting as direct) is one <see cref="ILayerTranslation{T}.ConvNorm"/> step.
    /// </param>
    public static T Run<T>(FerModel model, T input, ILayerTranslation<T> translation, bool evalSemantics)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(translation);
        return Sequence("", [.. model.Layers], input, translation, evalSemantics);
    }

    private static T Sequence<T>(string prefix, IReadOnlyList<(string Name, nn.Module Layer)> layers, T input, ILayerTranslation<T> translation, bool evalSemantics)
    {
        List<(string Name, nn.Module Layer)> steps = [.. layers.Where(l => !evalSemantics || l.Layer is not Dropout)];
        T x = input;
        for (int i = 0; i < steps.Count; i++)
        {
            (string name, nn.Module layer) = steps[i];
            string path = prefix + name;
            switch (layer)
            {
                case ResidualBlock block:
                    T main = Sequence(path + ".", block.Main, x, translation, evalSemantics);
                    T shortcut = block.Shortcut.Count == 0 ? x : Sequence(path + ".", block.Shortcut, x, translation, evalSemantics);
                    x = translation.Residual(path, main, shortcut);
                    break;
                case Conv2d conv when evalSemantics && i + 1 < steps.Count && steps[i + 1].Layer is BatchNorm2d norm:
                    x = translation.ConvNorm(path, conv, prefix + steps[++i].Name, norm, x);
                    break;
                default:
                    x = translation.Layer(path, layer, x);
                    break;
            }
        }

        return x;
    }
}
