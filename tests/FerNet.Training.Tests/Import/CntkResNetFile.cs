using Google.Protobuf;
using Onnx;
using FerNet.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Import;

/// <summary>
/// Writes small stand-ins for the DnnImageFeaturizer package's ResNet18.onnx and ResNetPreprocess.onnx
/// in the package's folder layout and CNTK's graph conventions: tensors named Parameter/Constant with
/// counters, float_data storage, each block's 1x1 shortcut before its main path, asymmetric pads, a
/// 7x7 AveragePool at the end. The weights are those of a <see cref="ResNet18"/> model, with a
/// random three-channel stem.
/// </summary>
internal sealed class CntkResNetFile
{
    private readonly GraphProto _graph = new() { Name = "CNTKGraph" };
    private int _counter = 10;

    private CntkResNetFile()
    {
    }

    /// <summary>
    /// Writes <c>ResNet18Onnx/ResNet18.onnx</c> and <c>ResNetPrepOnnx/ResNetPreprocess.onnx</c> under
    /// <paramref name="folder"/> from <paramref name="source"/>'s weights and <paramref name="stem"/>
    /// ([64, 3, 7, 7]); returns the model's path.
    /// </summary>
    public static string Write(string folder, FerModel source, Tensor stem, float[] channelMeans)
    {
        var file = new CntkResNetFile();
        ModelProto model = file.Build(source, stem);
        string path = Path.Combine(folder, "ResNet18Onnx", "ResNet18.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, model.ToByteArray());

        var preprocess = new ModelProto { IrVersion = 3, ProducerName = "TLC", Graph = new GraphProto { Name = "prep" } };
        preprocess.OpsetImport.Add(new OperatorSetIdProto { Version = 8 });
        const int side = 4;
        var mean = new TensorProto { Name = "MeanImage", DataType = (int)TensorProto.Types.DataType.Float };
        mean.Dims.AddRange([1, 3, side, side]);
        // Each plane varies around its channel mean, as a real mean image does, averaging to it exactly.
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < side * side; i++)
            {
                mean.FloatData.Add(channelMeans[c] + (i % 2 == 0 ? 3 : -3));
            }
        }

        preprocess.Graph.Initializer.Add(mean);
        string prep = Path.Combine(folder, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(prep)!);
        File.WriteAllBytes(prep, preprocess.ToByteArray());
        return path;
    }

    private ModelProto Build(FerModel source, Tensor stem)
    {
        var model = new ModelProto { IrVersion = 3, ProducerName = "CNTK", ProducerVersion = "2.6", Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 8 });
        var input = new ValueInfoProto { Name = "Input247", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = new TensorShapeProto() } } };
        input.Type.TensorType.Shape.Dim.AddRange(new long[] { 1, 3, 224, 224 }.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        _graph.Input.Add(input);

        var layers = source.Layers.ToDictionary(l => l.Name, l => l.Layer);
        string x = Conv("Input247", stem, stride: 2, pads: [3, 3, 2, 2]);
        x = Norm(x, (BatchNorm2d)layers["bn1"]);
        x = Node("Relu", [x]);
        x = Node("MaxPool", [x], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 0, 0));
        foreach (ResidualBlock block in source.Layers.Select(l => l.Layer).OfType<ResidualBlock>())
        {
            var parts = block.Main.Concat(block.Shortcut).ToDictionary(l => l.Name, l => l.Layer);
            string shortcut = x;
            if (block.Shortcut.Count > 0)
            {
                var conv = (Conv2d)parts["shortcut_conv"];
                shortcut = Norm(Conv(x, conv.weight!, conv.stride[0], [0, 0, 0, 0]), (BatchNorm2d)parts["shortcut_bn"]);
            }

            var conv1 = (Conv2d)parts["conv1"];
            string main = Norm(Conv(x, conv1.weight!, conv1.stride[0], conv1.stride[0] == 2 ? [1, 1, 0, 0] : [1, 1, 1, 1]), (BatchNorm2d)parts["bn1"]);
            main = Node("Relu", [main]);
            main = Norm(Conv(main, ((Conv2d)parts["conv2"]).weight!, 1, [1, 1, 1, 1]), (BatchNorm2d)parts["bn2"]);
            x = Node("Relu", [Node("Add", [main, shortcut])]);
        }

        string output = Node("AveragePool", [x], Ints("kernel_shape", 7, 7), Ints("strides", 1, 1), Ints("pads", 0, 0, 0, 0));
        _graph.Output.Add(new ValueInfoProto { Name = output, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        return model;
    }

    private string Conv(string input, Tensor weight, long stride, long[] pads) =>
        Node("Conv", [input, Initializer("Parameter", weight)], Ints("kernel_shape", weight.shape[2], weight.shape[3]), Ints("strides", stride, stride), Ints("pads", pads), Ints("dilations", 1, 1), Int("group", 1));

    private string Norm(string input, BatchNorm2d norm)
    {
        string[] inputs = [input, Initializer("Parameter", norm.weight!), Initializer("Parameter", norm.bias!), Initializer("Constant", norm.running_mean!), Initializer("Constant", norm.running_var!)];
        return Node("BatchNormalization", inputs, new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = (float)norm.eps });
    }

    private string Initializer(string kind, Tensor values)
    {
        var proto = new TensorProto { Name = $"{kind}{_counter++}", DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(values.shape);
        using Tensor flat = values.detach().contiguous().reshape(-1);
        proto.FloatData.AddRange(flat.data<float>().ToArray());
        _graph.Initializer.Add(proto);
        return proto.Name;
    }

    private string Node(string opType, string[] inputs, params AttributeProto[] attributes)
    {
        string name = $"{opType}{_counter++}";
        var node = new NodeProto { OpType = opType, Name = name, Output = { $"{name}_Output_0" } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return node.Output[0];
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
}
