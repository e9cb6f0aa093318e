using FerNet.Core;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>
/// A FerNet network: a stack of named layers mapping [N, 1, 48, 48] pixels in [0, 1] to seven
/// logits. A layer is a standard TorchSharp layer, a <see cref="BilinearUpscale"/> or a
/// <see cref="ResidualBlock"/> of such layers; <see cref="LayerWalk"/> visits them in forward order
/// for every reading of the model (summary, cost, bfloat16, ONNX export and import), so each layer
/// kind is translated in one place per reading.
/// </summary>
internal sealed class FerModel : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _layers;
    private readonly (string LayerName, double Lambda)[] _kernelL2;

    /// <summary>Builds a model named <paramref name="architecture"/> from <paramref name="layers"/>.</summary>
    /// <param name="architecture">The catalogue name, stored in checkpoints and ONNX metadata.</param>
    /// <param name="layers">Named layers applied in order.</param>
    /// <param name="kernelL2">Keras-style L2 penalties: λ·Σw² on the weight of the named layers.</param>
    public FerModel(string architecture, IReadOnlyList<(string Name, nn.Module<Tensor, Tensor> Layer)> layers, IReadOnlyList<(string LayerName, double Lambda)> kernelL2)
        : base(architecture)
    {
        Architecture = architecture;
        _layers = nn.Sequential(layers.Select(l => (l.Name, l.Layer)).ToArray());
        _kernelL2 = kernelL2.ToArray();
        foreach ((string layerName, _) in _kernelL2)
        {
            if (!layers.Any(l => l.Name == layerName))
            {
                throw new ArgumentException($"L2 penalty names layer '{layerName}', which {architecture} does not have.", nameof(kernelL2));
            }
        }

        RegisterComponents();
    }

    /// <summary>The catalogue name of this architecture.</summary>
    public string Architecture { get; }

    /// <summary>The layers in forward order, with their names.</summary>
    public IEnumerable<(string Name, nn.Module Layer)> Layers => _layers.named_children();

    /// <summary>Whether any layer carries a Keras-style L2 penalty.</summary>
    public bool HasL2Penalty => _kernelL2.Length > 0;

    /// <summary>
    /// Whether training-mode forward passes run convolutions and dense layers in bfloat16 (mixed
    /// precision). The parameters stay float32 (the "master" weights the optimiser updates) and are
    /// cast per step, so gradients arrive in float32; BatchNorm keeps float32 statistics and takes
    /// bfloat16 input. Evaluation mode always computes in float32, so validation scores are those of
    /// the float32 network that is exported. TorchSharp has no autocast; this is its effect on the
    /// layer kinds FerNet's architectures use.
    /// </summary>
    public bool TrainInBFloat16 { get; set; }

    public override Tensor forward(Tensor input) =>
        TrainInBFloat16 && training ? ForwardInBFloat16(input) : _layers.forward(input);

    private Tensor ForwardInBFloat16(Tensor input)
    {
        Tensor x = LayerWalk.Run(this, input.to(ScalarType.BFloat16), new BFloat16Forward(), evalSemantics: false);
        return x.to(ScalarType.Float32);
    }

    /// <summary>Σ λ·Σw² over the penalised kernels, to add to the loss as Keras does (not weight decay).</summary>
    public Tensor L2Penalty()
    {
        Tensor total = zeros(1, device: parameters().First().device).squeeze();
        foreach ((string layerName, double lambda) in _kernelL2)
        {
            var weight = ((Conv2d)_layers.named_children().Single(c => c.name == layerName).module).weight!;
            total = total + weight.pow(2).sum() * lambda;
        }

        return total;
    }

    /// <summary>Trainable parameter count.</summary>
    public long TrainableParameterCount => parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>Non-trainable state that is part of the model (BatchNorm running mean and variance).</summary>
    public long NonTrainableParameterCount => named_buffers()
        .Where(b => !b.name.EndsWith("num_batches_tracked", StringComparison.Ordinal))
        .Sum(b => b.buffer.numel());

    /// <summary>
    /// Output shape after each layer, and after each residual join (type <c>Add+ReLU</c>, named as its
    /// block), for one input of the FER contract. Layers inside a block are named by their path,
    /// <c>block.layer</c>.
    /// </summary>
    public IReadOnlyList<(string Name, string Type, long[] Shape, long Parameters)> Trace()
    {
        var trace = new LayerShapeTrace();
        bool wasTraining = training;
        eval();
        using (no_grad())
        using (NewDisposeScope())
        {
            Tensor x = zeros(1, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width, device: parameters().First().device);
            LayerWalk.Run(this, x, trace, evalSemantics: false);
        }

        train(wasTraining);
        return trace.Rows;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _layers.Dispose();
        }

        base.Dispose(disposing);
    }
}
