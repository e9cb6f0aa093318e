using Google.Protobuf;
using Onnx;

namespace FerNet.Testing.Models;

/// <summary>
/// Builds small but real ONNX models in memory (IR version 8, opset 17), so that inference can be
/// tested and measured before, and independently of, the exporter. A null dimension is the
/// symbolic batch dimension "N".
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph = new() { Name = "fernet-generated" };
    private readonly ModelProto _model = new() { IrVersion = 8, ProducerName = "FerNet.Tests" };
    private int _nodeCount;

    public OnnxGraphBuilder() => _model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });

    public OnnxGraphBuilder Input(string name, params long?[] dims)
    {
        _graph.Input.Add(FloatValue(name, dims));
        return this;
    }

    public OnnxGraphBuilder Output(string name, params long?[] dims)
    {
        _graph.Output.Add(FloatValue(name, dims));
        return this;
    }

    public OnnxGraphBuilder Initializer(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dims);
        tensor.FloatData.Add(values);
        _graph.Initializer.Add(tensor);
        return this;
    }

    /// <summary>Adds a node; attribute values are long, float or long[].</summary>
    public OnnxGraphBuilder Node(string opType, string[] inputs, string output, params (string Name, object Value)[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType.ToLowerInvariant()}{_nodeCount++}" };
        node.Input.Add(inputs);
        node.Output.Add(output);
        foreach ((string name, object value) in attributes)
        {
            node.Attribute.Add(value switch
            {
                long i => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = i },
                float f => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = f },
                long[] ints => NewInts(name, ints),
                _ => throw new ArgumentException($"Attribute '{name}' has unsupported type {value.GetType()}.", nameof(attributes)),
            });
        }

        _graph.Node.Add(node);
        return this;
    }

    public OnnxGraphBuilder Metadata(string key, string value)
    {
        _model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return this;
    }

    public byte[] ToBytes()
    {
        _model.Graph = _graph;
        return _model.ToByteArray();
    }

    private static AttributeProto NewInts(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    private static ValueInfoProto FloatValue(string name, long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long? dim in dims)
        {
            shape.Dim.Add(dim is long value
                ? new TensorShapeProto.Types.Dimension { DimValue = value }
                : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }
}
