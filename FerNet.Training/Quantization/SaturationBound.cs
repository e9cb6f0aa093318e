using Onnx;

namespace FerNet.Training.Quantization;

/// <summary>
/// The arithmetic bound that makes an int8 FerNet model compute the same integers on every CPU, and
/// its check on a quantized model.
/// </summary>
/// <remarks>
/// ONNX Runtime multiplies uint8 activations by int8 weights. With AVX-512 VNNI or AVX-VNNI
/// (VPDPBUSD) and on arm64 (UDOT/SDOT, or widening multiplies) every product is added in 32 bits.
/// Without VNNI, its x86-64 kernels (AVX2, and AVX-512 BW without VNNI) use VPMADDUBSW, which adds
/// each pair of neighbouring products into a saturating int16 before widening: with weights over
/// ±127, 2 × 255 × 127 = 64,770 clips at 32,767, so those CPUs computed other answers. Bounding the
/// weights to ±<see cref="WeightLimit"/> keeps every pair within int16 for any input:
/// 2 × 255 × 64 = 32,640 ≤ 32,767, so every kernel's sum is the exact one.
/// </remarks>
internal static class SaturationBound
{
    /// <summary>The largest magnitude of a quantized weight: ⌊32,767 / (2 × 255)⌋.</summary>
    public const int WeightLimit = short.MaxValue / (2 * byte.MaxValue);

    /// <summary>The largest magnitude a pair of uint8 × int8 products can reach within the bound.</summary>
    public const int MaxPairSum = 2 * byte.MaxValue * WeightLimit;

    /// <summary>
    /// The integer layers of <paramref name="model"/> (ensemble members included) that break the
    /// bound: a Conv, Gemm or MatMul whose weight is an int8 tensor with a value beyond
    /// ±<see cref="WeightLimit"/>, or whose quantized input is not uint8.
    /// </summary>
    /// <returns>One line per violation, naming the layer and the value at fault; empty when the model keeps the bound.</returns>
    public static IReadOnlyList<string> Violations(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        GraphProto graph = model.Graph;
        Dictionary<string, TensorProto> initializers = graph.Initializer.ToDictionary(i => i.Name);
        Dictionary<string, NodeProto> producers = graph.Node.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n);
        var violations = new List<string>();
        foreach (NodeProto layer in graph.Node.Where(n => n.OpType is "Conv" or "Gemm" or "MatMul" && n.Input.Count >= 2))
        {
            if (QuantizedSource(layer.Input[1]) is not { } weight)
            {
                continue;
            }

            if (weight.DataType != (int)TensorProto.Types.DataType.Int8)
            {
                violations.Add($"{layer.Name}: weight '{weight.Name}' is ONNX type {weight.DataType}, not int8.");
                continue;
            }

            int largest = Int8Values(weight).Max(v => Math.Abs((int)v));
            if (largest > WeightLimit)
            {
                violations.Add($"{layer.Name}: weight '{weight.Name}' reaches {largest}, beyond ±{WeightLimit}; 2 × 255 × {largest} = {2 * byte.MaxValue * largest:N0} > {short.MaxValue:N0}.");
            }

            if (producers.TryGetValue(layer.Input[0], out NodeProto? dequantize) && dequantize.OpType == "DequantizeLinear"
                && dequantize.Input.Count >= 3 && initializers.TryGetValue(dequantize.Input[2], out TensorProto? zeroPoint)
                && zeroPoint.DataType != (int)TensorProto.Types.DataType.Uint8)
            {
                violations.Add($"{layer.Name}: input '{layer.Input[0]}' is quantized to ONNX type {zeroPoint.DataType}, not uint8.");
            }
        }

        return violations;

        // The int8 initializer a DequantizeLinear turns into this weight, if it is one.
        TensorProto? QuantizedSource(string name) =>
            producers.TryGetValue(name, out NodeProto? node) && node.OpType == "DequantizeLinear" && initializers.TryGetValue(node.Input[0], out TensorProto? source)
                ? source
                : null;
    }

    /// <summary>The values of an int8 initializer, stored raw or (as ONNX allows) in its int32 field.</summary>
    /// <exception cref="ArgumentException">The initializer is not int8.</exception>
    public static sbyte[] Int8Values(TensorProto tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.DataType != (int)TensorProto.Types.DataType.Int8)
        {
            throw new ArgumentException($"Initializer '{tensor.Name}' is ONNX type {tensor.DataType}, not int8.", nameof(tensor));
        }

        return tensor.Int32Data.Count > 0
            ? [.. tensor.Int32Data.Select(v => (sbyte)v)]
            : [.. tensor.RawData.Span.ToArray().Select(b => unchecked((sbyte)b))];
    }
}
