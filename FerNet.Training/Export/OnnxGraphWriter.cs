using System.Buffers.Binary;
using FerNet.Core;
using FerNet.Training.Models;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Export;

/// <summary>
/// Translates a <see cref="FerModel"/>, step by step as <see cref="LayerWalk"/> visits it, into an ONNX
/// graph that computes exactly what the model computes in eval mode: Dropout disappears and BatchNorm
/// uses its running statistics, whatever mode the model is in. Tensors stay channels-first (NCHW), as
/// in TorchSharp, so Flatten keeps FerNet's own feature order. A residual block becomes its two paths,
/// an Add and a Relu; the upscaling a Resize. Nodes, their outputs and their weights are named by the
/// layer's path (<c>layer2_0.conv1.weight</c>), which <see cref="Import.OnnxWeightImport"/> reads back.
/// </summary>
/// <remarks>
/// A BatchNorm2d that directly follows a Conv2d (Dropout in between counts as direct, being the
/// identity in eval mode) is folded into the convolution: each output channel's kernel is scaled by
/// γ/√(σ²+ε) and its bias becomes (b−μ)·γ/√(σ²+ε)+β, computed in double precision. That removes a
/// full pass over the activation map per block at no cost in accuracy. A BatchNorm after anything
/// else, such as the seed CNN's Conv→ReLU→BN, cannot be folded backwards through the ReLU, so it is
/// emitted as a BatchNormalization node.
/// </remarks>
internal sealed class OnnxGraphWriter : ILayerTranslation<string>
{
    /// <summary>The name of the graph's symbolic batch dimension.</summary>
    public const string BatchDimension = "batch";

    private const string SupportedLayers = "Conv2d, BatchNorm2d, ReLU, MaxPool2d, AdaptiveAvgPool2d(1), Flatten, Linear, Dropout, BilinearUpscale and ResidualBlock";

    private static readonly string[] ReservedNames = [FaceInputContract.InputName, FaceInputContract.OutputName, FaceInputContract.LogitsName];

    private readonly GraphProto _graph;
    private readonly string _architecture;
    private readonly Dictionary<string, long[]> _shapes;

    private OnnxGraphWriter(FerModel model)
    {
        _architecture = model.Architecture;
        _graph = new GraphProto { Name = model.Architecture };
        _shapes = model.Trace().ToDictionary(row => row.Name, row => row.Shape);
        _shapes[FaceInputContract.InputName] = [1, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width];
    }

    /// <summary>The ONNX graph of <paramref name="model"/>, from <c>input</c> to <c>logits</c> and <c>probabilities</c>.</summary>
    /// <exception cref="NotSupportedException">A layer, or an option of one, has no translation.</exception>
    /// <exception cref="ArgumentException">The model does not map the FER input to seven logits, or names a layer like a graph input or output.</exception>
    public static GraphProto Write(FerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var writer = new OnnxGraphWriter(model);
        string last = LayerWalk.Run(model, FaceInputContract.InputName, writer, evalSemantics: true);
        writer.Finish(model, last);
        return writer._graph;
    }

    /// <inheritdoc/>
    public string Layer(string name, nn.Module layer, string input)
    {
        if (ReservedNames.Contains(name))
        {
            throw new ArgumentException($"Layer '{name}' of {_architecture} is named like an input or output of the ONNX graph; rename the layer.", nameof(name));
        }

        return layer switch
        {
            Conv2d conv => AddConv(name, conv, input, name, null),
            BatchNorm2d norm => AddBatchNorm(name, input, BatchNormStatistics.Read(name, norm)),
            ReLU => AddNode("Relu", name, [input], name).Output[0],
            MaxPool2d pool => AddMaxPool(name, input, pool),
            AdaptiveAvgPool2d pool => AddGlobalAveragePool(name, input, pool),
            Flatten flatten => AddFlatten(name, input, flatten),
            Linear linear => AddGemm(name, input, linear),
            BilinearUpscale upscale => AddResize(name, input, upscale),
            _ => throw new NotSupportedException(
                $"Layer '{name}' of {_architecture} is a {layer.GetType().Name}, which the ONNX exporter cannot translate. Supported layers: {SupportedLayers}."),
        };
    }

    /// <inheritdoc/>
    public string ConvNorm(string convName, Conv2d conv, string normName, BatchNorm2d norm, string input) =>
        AddConv(convName, conv, input, normName, BatchNormStatistics.Read(normName, norm));

    /// <inheritdoc/>
    public string Residual(string name, string main, string shortcut)
    {
        string sum = AddNode("Add", $"{name}.add", [main, shortcut], $"{name}.add").Output[0];
        return AddNode("Relu", name, [sum], name).Output[0];
    }

    private void Finish(FerModel model, string last)
    {
        long[] shape = _shapes[last];
        if (_graph.Node.Count == 0 || shape is not [1, EmotionLabels.Count])
        {
            throw new ArgumentException(
                $"{_architecture} maps a [1, {FaceInputContract.Channels}, {FaceInputContract.Height}, {FaceInputContract.Width}] input to [{string.Join(", ", shape)}], not to [1, {EmotionLabels.Count}] logits.",
                nameof(model));
        }

        // The last layer's output is the logits tensor; nothing has consumed its provisional name yet.
        _graph.Node[^1].Output[0] = FaceInputContract.LogitsName;
        AddNode("Softmax", "softmax", [FaceInputContract.LogitsName], FaceInputContract.OutputName, Int("axis", 1));

        _graph.Input.Add(BatchedFloatTensor(FaceInputContract.InputName, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width));
        _graph.Output.Add(BatchedFloatTensor(FaceInputContract.OutputName, EmotionLabels.Count));
        _graph.Output.Add(BatchedFloatTensor(FaceInputContract.LogitsName, EmotionLabels.Count));
    }

    private string AddConv(string name, Conv2d conv, string input, string outputName, BatchNormStatistics? foldedNorm)
    {
        if (conv.padding_mode != PaddingModes.Zeros)
        {
            throw new NotSupportedException($"Conv2d layer '{name}' pads with {conv.padding_mode}; the ONNX exporter supports zero padding only.");
        }

        long[] padding = conv.padding_type switch
        {
            null => conv.padding ?? [0, 0],
            Padding.Valid => [0, 0],
            _ => throw new NotSupportedException($"Conv2d layer '{name}' uses padding '{conv.padding_type}'; the ONNX exporter supports explicit padding only."),
        };

        float[] weight = TensorValues.ToFloats(conv.weight!);
        float[]? bias = conv.bias is null ? null : TensorValues.ToFloats(conv.bias);
        if (foldedNorm is not null)
        {
            (weight, bias) = foldedNorm.FoldInto(weight, bias);
        }

        var inputs = new List<string> { input, AddInitializer($"{name}.weight", conv.weight!.shape, weight) };
        if (bias is not null)
        {
            inputs.Add(AddInitializer($"{name}.bias", [bias.Length], bias));
        }

        NodeProto node = AddNode(
            "Conv",
            name,
            inputs,
            outputName,
            Ints("kernel_shape", conv.kernel_size),
            Ints("strides", conv.stride),
            Ints("pads", [padding[0], padding[1], padding[0], padding[1]]),
            Ints("dilations", conv.dilation),
            Int("group", conv.groups));
        if (foldedNorm is not null)
        {
            node.DocString = $"{name} with BatchNorm {foldedNorm.LayerName} folded in";
        }

        return outputName;
    }

    private string AddBatchNorm(string name, string input, BatchNormStatistics norm)
    {
        long[] dims = [norm.Mean.Length];
        return AddNode(
            "BatchNormalization",
            name,
            [
                input,
                AddInitializer($"{name}.weight", dims, norm.Scale.Select(v => (float)v).ToArray()),
                AddInitializer($"{name}.bias", dims, norm.Shift.Select(v => (float)v).ToArray()),
                AddInitializer($"{name}.running_mean", dims, norm.Mean.Select(v => (float)v).ToArray()),
                AddInitializer($"{name}.running_var", dims, norm.Variance.Select(v => (float)v).ToArray()),
            ],
            name,
            Float("epsilon", (float)norm.Epsilon)).Output[0];
    }

    private string AddMaxPool(string name, string input, MaxPool2d pool)
    {
        long[] kernel = pool.kernel_size;
        long[] stride = pool.stride ?? kernel;
        long[] padding = pool.padding ?? [0, 0];
        long[] dilation = pool.dilation ?? [1, 1];
        return AddNode(
            "MaxPool",
            name,
            [input],
            name,
            Ints("kernel_shape", kernel),
            Ints("strides", stride),
            Ints("pads", [padding[0], padding[1], padding[0], padding[1]]),
            Ints("dilations", dilation),
            Int("ceil_mode", pool.ceil_mode ? 1 : 0)).Output[0];
    }

    private string AddGlobalAveragePool(string name, string input, AdaptiveAvgPool2d pool)
    {
        if (pool.output_size.Any(size => size != 1))
        {
            throw new NotSupportedException(
                $"AdaptiveAvgPool2d layer '{name}' pools to [{string.Join(", ", pool.output_size)}]; the ONNX exporter supports global pooling (output size 1) only.");
        }

        return AddNode("GlobalAveragePool", name, [input], name).Output[0];
    }

    private string AddFlatten(string name, string input, Flatten flatten)
    {
        int inputRank = _shapes[input].Length;
        long start = flatten.start_dim < 0 ? flatten.start_dim + inputRank : flatten.start_dim;
        long end = flatten.end_dim < 0 ? flatten.end_dim + inputRank : flatten.end_dim;

        // ONNX Flatten always yields [N, rest]; that equals TorchSharp's only when it keeps the batch
        // dimension and flattens everything after it.
        if (start != 1 || end != inputRank - 1)
        {
            throw new NotSupportedException(
                $"Flatten layer '{name}' flattens dimensions {flatten.start_dim}..{flatten.end_dim} of a rank-{inputRank} tensor; the ONNX exporter supports flattening all dimensions after the batch only.");
        }

        return AddNode("Flatten", name, [input], name, Int("axis", 1)).Output[0];
    }

    private string AddGemm(string name, string input, Linear linear)
    {
        int inputRank = _shapes[input].Length;
        if (inputRank != 2)
        {
            throw new NotSupportedException($"Linear layer '{name}' receives a rank-{inputRank} tensor; the ONNX exporter supports [N, features] input only (put a Flatten before it).");
        }

        var inputs = new List<string> { input, AddInitializer($"{name}.weight", linear.weight!.shape, TensorValues.ToFloats(linear.weight)) };
        if (linear.bias is not null)
        {
            inputs.Add(AddInitializer($"{name}.bias", linear.bias.shape, TensorValues.ToFloats(linear.bias)));
        }

        return AddNode("Gemm", name, inputs, name, Int("transB", 1)).Output[0];
    }

    /// <summary>
    /// A Resize to the upscale's side over the spatial axes only (the <c>axes</c> attribute of opset
    /// 18 and later), linear with half-pixel centres: what TorchSharp's bilinear interpolation
    /// without corner alignment computes.
    /// </summary>
    private string AddResize(string name, string input, BilinearUpscale upscale)
    {
        var sizes = new TensorProto { Name = $"{name}.sizes", DataType = (int)TensorProto.Types.DataType.Int64 };
        sizes.Dims.Add(2);
        sizes.Int64Data.AddRange([upscale.Side, upscale.Side]);
        _graph.Initializer.Add(sizes);
        return AddNode(
            "Resize",
            name,
            [input, "", "", sizes.Name],
            name,
            Ints("axes", [2, 3]),
            String("mode", "linear"),
            String("coordinate_transformation_mode", "half_pixel")).Output[0];
    }

    private NodeProto AddNode(string opType, string name, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return node;
    }

    private string AddInitializer(string name, long[] dims, float[] values)
    {
        // ONNX stores raw tensor data little-endian whatever the machine's byte order.
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = UnsafeByteOperations.UnsafeWrap(bytes) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return name;
    }


    private static ValueInfoProto BatchedFloatTensor(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
