using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>
/// A residual block: ReLU(main(x) + shortcut(x)), where each path is a list of named layers and an
/// empty shortcut is the identity. Its layers are registered under their own names, so their
/// parameters are <c>block.layer.weight</c>.
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly (string Name, nn.Module<Tensor, Tensor> Layer)[] _main;
    private readonly (string Name, nn.Module<Tensor, Tensor> Layer)[] _shortcut;

    /// <summary>A block of <paramref name="main"/> and <paramref name="shortcut"/> (empty for the identity).</summary>
    /// <exception cref="ArgumentException">The main path is empty, or two layers share a name.</exception>
    public ResidualBlock(string name, IReadOnlyList<(string Name, nn.Module<Tensor, Tensor> Layer)> main, IReadOnlyList<(string Name, nn.Module<Tensor, Tensor> Layer)> shortcut)
        : base(name)
    {
        if (main.Count == 0)
        {
            throw new ArgumentException($"Residual block '{name}' has no layers on its main path.", nameof(main));
        }

        _main = [.. main];
        _shortcut = [.. shortcut];
        foreach ((string layerName, nn.Module<Tensor, Tensor> layer) in _main.Concat(_shortcut))
        {
            if (named_children().Any(c => c.name == layerName))
            {
                throw new ArgumentException($"Residual block '{name}' has two layers named '{layerName}'.", nameof(shortcut));
            }

            register_module(layerName, layer);
        }
    }

    /// <summary>The main path's layers in order.</summary>
    public IReadOnlyList<(string Name, nn.Module Layer)> Main => [.. _main.Select(l => (l.Name, (nn.Module)l.Layer))];

    /// <summary>The shortcut's layers in order; empty for the identity.</summary>
    public IReadOnlyList<(string Name, nn.Module Layer)> Shortcut => [.. _shortcut.Select(l => (l.Name, (nn.Module)l.Layer))];

    /// <summary>What a block outputs for the two paths' results: ReLU of their sum.</summary>
    public static Tensor Join(Tensor main, Tensor shortcut) => nn.functional.relu(main + shortcut);

    public override Tensor forward(Tensor input)
    {
        Tensor main = input;
        foreach ((string _, nn.Module<Tensor, Tensor> layer) in _main)
        {
            main = layer.forward(main);
        }

        Tensor shortcut = input;
        foreach ((string _, nn.Module<Tensor, Tensor> layer) in _shortcut)
        {
            shortcut = layer.forward(shortcut);
        }

        return Join(main, shortcut);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach ((string _, nn.Module<Tensor, Tensor> layer) in _main.Concat(_shortcut))
            {
                layer.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
