using System.Buffers.Binary;
using FerNet.Core;
using Google.Protobuf;
using Onnx;

namespace FerNet.Training.Quantization;

/// <summary>
/// Static post-training quantization of a FerNet float model into ONNX's QDQ form: each quantized
/// tensor passes through a QuantizeLinear/DequantizeLinear pair, and ONNX Runtime's CPU provider
/// fuses each DequantizeLinear → Conv → QuantizeLinear group into one integer kernel (QLinearConv)
/// and drops the pairs around MaxPool (and Flatten), which then move uint8 values. With
/// <see cref="QuantizationOptions.QuantizeHead"/>, Gemm becomes QGemm and global average pooling
/// QLinearGlobalAveragePool.
/// </summary>
/// <remarks>
/// Weights are int8, symmetric (zero point 0) with one scale per output channel: the channels of a
/// convolution differ in magnitude by orders, and a shared scale would leave the small ones a few
/// levels. Their range is ±<see cref="SaturationBound.WeightLimit"/>, not ±127, so that every CPU
/// computes the same integers (see <see cref="SaturationBound"/>). Activations are uint8 with one
/// scale and zero point per tensor, from ranges measured on calibration images; uint8 activations
/// times int8 weights is the pairing ONNX Runtime's x86-64 and arm64 integer kernels run fastest. Biases are int32 with scale input scale × weight scale, as the
/// integer kernels require. A ReLU that is the only consumer of a convolution is left in place: the
/// quantized range of its output starts at 0, so ONNX Runtime folds it into the QuantizeLinear.
/// Logits stay float32, so Softmax, an ensemble's Mean and the output contract are unchanged. The
/// head stays float32 by default: pooled features differ little from face to face relative to their
/// size, so 8-bit steps there cost accuracy out of proportion to the 0.1 % of the work they save.
/// </remarks>
internal static class QdqQuantizer
{
    private const string QuantizedSuffix = "_quantized";
    private const string DequantizedSuffix = "_dequantized";
    private const string ScaleSuffix = "_scale";
    private const string ZeroPointSuffix = "_zero_point";

    private static readonly HashSet<string> PassThroughOps = ["MaxPool", "Flatten"];

    /// <summary>
    /// The quantized copy of <paramref name="model"/>, its activation ranges calibrated on
    /// <paramref name="calibrationPixels"/> (pixel/255 values, image after image).
    /// </summary>
    /// <returns>The quantized model and the names of the layers that were quantized.</returns>
    /// <exception cref="ArgumentException">Nothing in the model can be quantized, or an option names a layer the model lacks.</exception>
    public static (ModelProto Model, IReadOnlyList<string> QuantizedLayers) Quantize(
        ModelProto model, float[] calibrationPixels, QuantizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        GraphProto source = model.Graph;
        Dictionary<string, TensorProto> initializers = source.Initializer.ToDictionary(i => i.Name);
        foreach (string layer in options.FloatLayers.Where(l => !source.Node.Any(n => IsLayer(n, initializers) && QuantizationOptions.NamesLayer(n.Name, l))))
        {
            throw new ArgumentException(
                $"'{layer}' is not a Conv or Gemm layer of {source.Name}; its layers are {string.Join(", ", source.Node.Where(n => IsLayer(n, initializers)).Select(n => n.Name))}.",
                nameof(options));
        }

        List<NodeProto> layers = [.. source.Node.Where(n => IsLayer(n, initializers) && !options.KeepsFloat(n.Name) && (options.QuantizeHead || n.OpType == "Conv"))];
        if (layers.Count == 0)
        {
            throw new ArgumentException($"{source.Name} has no Conv or Gemm layer with constant weights left to quantize.", nameof(model));
        }

        (List<string> activations, Dictionary<string, string> rangeOwner) = ChooseActivations(source, layers, options.QuantizeHead);
        IReadOnlyDictionary<string, ActivationRange> ranges = ActivationCalibrator.Calibrate(
            model, [.. activations.Where(a => rangeOwner[a] == a)], calibrationPixels, options);

        ModelProto quantized = model.Clone();
        GraphProto graph = quantized.Graph;
        graph.Node.Clear();
        var parameters = new Dictionary<string, (float Scale, byte ZeroPoint)>();
        foreach (string owner in activations.Where(a => rangeOwner[a] == a))
        {
            (float scale, byte zeroPoint) = ranges[owner].ToUInt8();
            parameters[owner] = (scale, zeroPoint);
            graph.Initializer.Add(Scalar(owner + ScaleSuffix, scale));
            graph.Initializer.Add(UInt8Scalar(owner + ZeroPointSuffix, zeroPoint));
        }

        var quantizedSet = activations.ToHashSet();
        var layerSet = layers.ToHashSet();
        if (quantizedSet.Contains(FaceInputContract.InputName))
        {
            AddQdq(graph, FaceInputContract.InputName, rangeOwner[FaceInputContract.InputName]);
        }

        foreach (NodeProto original in source.Node)
        {
            NodeProto node = original.Clone();
            for (int i = 0; i < node.Input.Count; i++)
            {
                if (quantizedSet.Contains(node.Input[i]))
                {
                    node.Input[i] += DequantizedSuffix;
                }
            }

            if (layerSet.Contains(original))
            {
                float inputScale = quantizedSet.Contains(original.Input[0]) ? parameters[rangeOwner[original.Input[0]]].Scale : float.NaN;
                QuantizeWeights(graph, initializers, node, inputScale);
            }

            graph.Node.Add(node);
            foreach (string output in node.Output.Where(quantizedSet.Contains))
            {
                AddQdq(graph, output, rangeOwner[output]);
            }
        }

        return (quantized, [.. layers.Select(l => l.Name)]);
    }

    /// <summary>Whether <paramref name="node"/> is a Conv or Gemm with constant weights, the layers that run as integer kernels.</summary>
    private static bool IsLayer(NodeProto node, Dictionary<string, TensorProto> initializers) =>
        node.OpType is "Conv" or "Gemm" && node.Input.Count >= 2 && initializers.ContainsKey(node.Input[1])
        && (node.Input.Count < 3 || node.Input[2].Length == 0 || initializers.ContainsKey(node.Input[2]));

    /// <summary>
    /// The activation tensors to quantize, in graph order, and for each the tensor whose range it
    /// uses: its own, or, behind a MaxPool or Flatten, its input's, so that ONNX Runtime can drop the
    /// QDQ pair around the pass-through op (it does so only when both pairs have the same parameters).
    /// </summary>
    private static (List<string> Activations, Dictionary<string, string> RangeOwner) ChooseActivations(GraphProto graph, List<NodeProto> layers, bool quantizeHead)
    {
        ILookup<string, NodeProto> consumers = graph.Node.SelectMany(n => n.Input.Select(input => (input, n))).ToLookup(p => p.input, p => p.n);
        var chosen = new HashSet<string>();
        foreach (NodeProto layer in layers)
        {
            chosen.Add(layer.Input[0]);
            if (layer.OpType == "Conv")
            {
                string output = layer.Output[0];
                List<NodeProto> users = [.. consumers[output]];
                chosen.Add(users is [{ OpType: "Relu" } relu] ? relu.Output[0] : output);
            }
        }

        var owner = chosen.ToDictionary(t => t, t => t);
        foreach (NodeProto node in graph.Node)
        {
            if (node.Input.Count == 0 || !chosen.Contains(node.Input[0]))
            {
                continue;
            }

            if (PassThroughOps.Contains(node.OpType))
            {
                chosen.Add(node.Output[0]);
                owner[node.Output[0]] = owner[node.Input[0]];
            }
            else if (quantizeHead && node.OpType == "GlobalAveragePool" && owner.TryAdd(node.Output[0], node.Output[0]))
            {
                chosen.Add(node.Output[0]);
            }
            else if (node.OpType == "Add" && node.Input.All(chosen.Contains))
            {
                ChooseResidualSum(node, [.. consumers[node.Output[0]]], chosen, owner);
            }
        }

        // Graph outputs (logits, probabilities) keep their float values for the caller.
        var outputs = graph.Output.Select(o => o.Name).ToHashSet();
        List<string> ordered = [.. new[] { FaceInputContract.InputName }.Concat(graph.Node.SelectMany(n => n.Output)).Where(t => chosen.Contains(t) && !outputs.Contains(t))];
        return (ordered, owner);
    }

    /// <summary>
    /// Quantizes a residual Add whose inputs are both quantized, so that ONNX Runtime fuses it into
    /// QLinearAdd. When a ReLU is its only consumer, as in every residual block, the sum takes the
    /// ReLU output's range: that range starts at 0, so the sum's QuantizeLinear already does the ReLU's
    /// clipping, and the ReLU between two QDQ pairs of equal parameters changes nothing.
    /// </summary>
    private static void ChooseResidualSum(NodeProto add, List<NodeProto> users, HashSet<string> chosen, Dictionary<string, string> owner)
    {
        string sum = add.Output[0];
        chosen.Add(sum);
        if (users is [{ OpType: "Relu" } relu])
        {
            chosen.Add(relu.Output[0]);
            owner[relu.Output[0]] = relu.Output[0];
            owner[sum] = relu.Output[0];
        }
        else
        {
            owner[sum] = sum;
        }
    }

    /// <summary>Adds <paramref name="tensor"/> → QuantizeLinear → DequantizeLinear → <c>tensor_dequantized</c>, with the parameters of <paramref name="owner"/>.</summary>
    private static void AddQdq(GraphProto graph, string tensor, string owner)
    {
        string[] parameters = [owner + ScaleSuffix, owner + ZeroPointSuffix];
        graph.Node.Add(new NodeProto
        {
            OpType = "QuantizeLinear",
            Name = tensor + "/quantize",
            Input = { tensor, parameters[0], parameters[1] },
            Output = { tensor + QuantizedSuffix },
        });
        graph.Node.Add(new NodeProto
        {
            OpType = "DequantizeLinear",
            Name = tensor + "/dequantize",
            Input = { tensor + QuantizedSuffix, parameters[0], parameters[1] },
            Output = { tensor + DequantizedSuffix },
        });
    }

    /// <summary>
    /// Replaces <paramref name="layer"/>'s weight (and bias) initializers with int8 (int32) ones and
    /// DequantizeLinear nodes that output the original names, so the layer itself is unchanged.
    /// </summary>
    private static void QuantizeWeights(GraphProto graph, Dictionary<string, TensorProto> initializers, NodeProto layer, float inputScale)
    {
        TensorProto weight = initializers[layer.Input[1]];
        float[] values = ReadFloats(weight);
        // Output channels are the first axis of a Conv kernel [out, in, kh, kw], and of a Gemm weight
        // [out, in] when transB = 1, as FerNet writes it; otherwise the second axis.
        bool transposed = layer.OpType == "Gemm" && !layer.Attribute.Any(a => a.Name == "transB" && a.I == 1);
        int axis = transposed ? 1 : 0;
        int channels = (int)weight.Dims[axis];
        int inner = (int)(weight.Dims.Aggregate(1L, (a, b) => a * b) / channels);
        float[] scales = new float[channels];
        var quantized = new sbyte[values.Length];
        for (int channel = 0; channel < channels; channel++)
        {
            float max = 0;
            for (int i = 0; i < inner; i++)
            {
                max = Math.Max(max, Math.Abs(values[Index(channel, i)]));
            }

            scales[channel] = max > 0 ? max / SaturationBound.WeightLimit : 1;
            for (int i = 0; i < inner; i++)
            {
                int index = Index(channel, i);
                quantized[index] = (sbyte)Math.Clamp(MathF.Round(values[index] / scales[channel]), -SaturationBound.WeightLimit, SaturationBound.WeightLimit);
            }
        }

        ReplaceWithDequantized(graph, weight, Int8Tensor(weight.Name + QuantizedSuffix, weight.Dims, quantized), scales, new sbyte[channels], axis);

        if (layer.Input.Count >= 3 && layer.Input[2].Length > 0 && !float.IsNaN(inputScale))
        {
            TensorProto bias = initializers[layer.Input[2]];
            float[] biasValues = ReadFloats(bias);
            float[] biasScales = [.. scales.Select(s => s * inputScale)];
            int[] biasQuantized = [.. biasValues.Select((b, c) => (int)Math.Clamp(Math.Round((double)b / biasScales[c]), int.MinValue + 1, int.MaxValue))];
            ReplaceWithDequantized(graph, bias, Int32Tensor(bias.Name + QuantizedSuffix, bias.Dims, biasQuantized), biasScales, new int[channels], 0);
        }

        int Index(int channel, int i) => transposed ? (i * channels) + channel : (channel * inner) + i;
    }

    private static void ReplaceWithDequantized<T>(GraphProto graph, TensorProto original, TensorProto quantized, float[] scales, T[] zeroPoints, int axis)
    {
        graph.Initializer.Remove(graph.Initializer.First(i => i.Name == original.Name));
        graph.Initializer.Add(quantized);
        TensorProto scale = FloatTensor(original.Name + ScaleSuffix, scales);
        graph.Initializer.Add(scale);
        TensorProto zeroPoint = zeroPoints switch
        {
            sbyte[] int8 => Int8Tensor(original.Name + ZeroPointSuffix, [int8.Length], int8),
            int[] int32 => Int32Tensor(original.Name + ZeroPointSuffix, [int32.Length], int32),
            _ => throw new NotSupportedException($"No zero-point type {typeof(T).Name}."),
        };
        graph.Initializer.Add(zeroPoint);
        graph.Node.Add(new NodeProto
        {
            OpType = "DequantizeLinear",
            Name = original.Name + "/dequantize",
            Input = { quantized.Name, scale.Name, zeroPoint.Name },
            Output = { original.Name },
            Attribute = { new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = axis } },
        });
    }

    private static float[] ReadFloats(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new ArgumentException($"Initializer '{tensor.Name}' is of ONNX type {tensor.DataType}, not float32; only float models can be quantized.", nameof(tensor));
        }

        if (tensor.FloatData.Count > 0)
        {
            return [.. tensor.FloatData];
        }

        ReadOnlySpan<byte> raw = tensor.RawData.Span;
        var values = new float[raw.Length / sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
        }

        return values;
    }

    private static TensorProto FloatTensor(string name, float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return Tensor(name, TensorProto.Types.DataType.Float, [values.Length], bytes);
    }

    private static TensorProto Scalar(string name, float value)
    {
        var bytes = new byte[sizeof(float)];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        return Tensor(name, TensorProto.Types.DataType.Float, [], bytes);
    }

    private static TensorProto UInt8Scalar(string name, byte value) => Tensor(name, TensorProto.Types.DataType.Uint8, [], [value]);

    private static TensorProto Int8Tensor(string name, IEnumerable<long> dims, sbyte[] values) =>
        Tensor(name, TensorProto.Types.DataType.Int8, dims, [.. values.Select(v => unchecked((byte)v))]);

    private static TensorProto Int32Tensor(string name, IEnumerable<long> dims, int[] values)
    {
        var bytes = new byte[values.Length * sizeof(int)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), values[i]);
        }

        return Tensor(name, TensorProto.Types.DataType.Int32, dims, bytes);
    }

    // ONNX stores raw tensor data little-endian whatever the machine's byte order.
    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, IEnumerable<long> dims, byte[] bytes)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = UnsafeByteOperations.UnsafeWrap(bytes) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}
