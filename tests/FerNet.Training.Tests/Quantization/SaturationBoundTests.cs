using FerNet.Testing.Data;
using FerNet.Training.Quantization;
using Onnx;

namespace FerNet.Training.Tests.Quantization;

/// <summary>
/// The int8 models FerNet ships compute the same integers on every CPU: their dot products, added
/// as x86-64 CPUs without VNNI add them (VPMADDUBSW: each pair of uint8 × int8 products into a
/// saturating int16), equal the exact sums that VNNI and arm64 compute, for every possible input.
/// </summary>
public sealed class SaturationBoundTests
{
    private const string EmbeddedInt8Model = "FerNet.Inference/Models/fernet-default-int8.onnx";

    public static TheoryData<string> ShippedInt8Models => [EmbeddedInt8Model, "docs/results/fer-vgg-int8/fer-vgg-int8.onnx"];

    [Theory]
    [MemberData(nameof(ShippedInt8Models))]
    public void A_shipped_int8_model_keeps_the_saturation_bound(string path)
    {
        ModelProto model = Read(path);

        Assert.Empty(SaturationBound.Violations(model));
        Assert.NotEmpty(QuantizedWeights(model));
    }

    [Theory]
    [MemberData(nameof(ShippedInt8Models))]
    public void Saturating_pair_sums_equal_exact_sums_for_the_worst_input_of_every_output_channel(string path)
    {
        int channels = 0;
        foreach ((string name, long[] dims, sbyte[] weights) in QuantizedWeights(Read(path)))
        {
            int outputs = (int)dims[0];
            int inner = weights.Length / outputs;
            for (int channel = 0; channel < outputs; channel++)
            {
                sbyte[] row = weights[(channel * inner)..((channel + 1) * inner)];
                // Kernels pair neighbouring products along their reduction axis: input channel outermost
                // (im2col over NCHW) or innermost (NHWC, ONNX Runtime's symmetric convolution kernels).
                foreach (sbyte[] order in dims.Length == 4 ? [row, ChannelsLast(row, (int)dims[1])] : new[] { row })
                {
                    // The largest positive and the largest negative sums any uint8 input can make.
                    foreach (Func<sbyte, bool> full in new Func<sbyte, bool>[] { w => w > 0, w => w < 0 })
                    {
                        byte[] input = [.. order.Select(w => full(w) ? byte.MaxValue : (byte)0)];
                        Assert.True(
                            SaturatingDot(input, order) == ExactDot(input, order),
                            $"{name}, output channel {channel}: saturating pair sums give {SaturatingDot(input, order)}, the exact sum is {ExactDot(input, order)}.");
                    }
                }

                channels++;
            }
        }

        Assert.True(channels > 0, $"{path} has no int8 weights.");
    }

    [Fact]
    public void Full_range_weights_saturate_and_bounded_ones_do_not()
    {
        byte[] input = [255, 255, 255, 255];
        sbyte[] fullRange = [127, 127, -127, -127];
        sbyte[] bounded = [SaturationBound.WeightLimit, SaturationBound.WeightLimit, -SaturationBound.WeightLimit, -SaturationBound.WeightLimit];

        // 64,770 and −64,770 clip to 32,767 and −32,768: the saturating sum is −1 where the exact one is 0.
        Assert.Equal(0, ExactDot(input, fullRange));
        Assert.Equal(-1, SaturatingDot(input, fullRange));
        Assert.Equal(64_770, ExactDot(input, fullRange[..2]));
        Assert.Equal(short.MaxValue, SaturatingDot(input[..2], fullRange[..2]));
        Assert.Equal(SaturationBound.MaxPairSum, SaturatingDot(input[..2], bounded[..2]));
        Assert.Equal(ExactDot(input[..2], bounded[..2]), SaturatingDot(input[..2], bounded[..2]));
        Assert.Equal(64, SaturationBound.WeightLimit);
    }

    [Fact]
    public void Violations_name_the_layer_and_the_weight_beyond_the_bound()
    {
        ModelProto model = Read(EmbeddedInt8Model);
        TensorProto weight = model.Graph.Initializer.First(i => i.DataType == (int)TensorProto.Types.DataType.Int8);
        byte[] raw = weight.RawData.ToByteArray();
        raw[0] = unchecked((byte)(sbyte)-100);
        weight.RawData = Google.Protobuf.ByteString.CopyFrom(raw);

        string violation = Assert.Single(SaturationBound.Violations(model));

        Assert.Contains($"'{weight.Name}' reaches 100, beyond ±64", violation, StringComparison.Ordinal);
    }

    /// <summary>A dot product as VPMADDUBSW computes it: neighbouring products summed into a saturating int16, then widened.</summary>
    private static long SaturatingDot(byte[] input, sbyte[] weights)
    {
        long sum = 0;
        for (int i = 0; i < weights.Length; i += 2)
        {
            int pair = (input[i] * weights[i]) + (i + 1 < weights.Length ? input[i + 1] * weights[i + 1] : 0);
            sum += Math.Clamp(pair, short.MinValue, short.MaxValue);
        }

        return sum;
    }

    private static long ExactDot(byte[] input, sbyte[] weights) => input.Zip(weights).Sum(p => (long)p.First * p.Second);

    /// <summary>One output channel's [in, kh, kw] kernel reordered to [kh, kw, in].</summary>
    private static sbyte[] ChannelsLast(sbyte[] kernel, int inputChannels)
    {
        int spatial = kernel.Length / inputChannels;
        var reordered = new sbyte[kernel.Length];
        for (int c = 0; c < inputChannels; c++)
        {
            for (int s = 0; s < spatial; s++)
            {
                reordered[(s * inputChannels) + c] = kernel[(c * spatial) + s];
            }
        }

        return reordered;
    }

    /// <summary>The int8 weights behind the model's Conv and Gemm layers, output channel first.</summary>
    private static List<(string Name, long[] Dims, sbyte[] Values)> QuantizedWeights(ModelProto model)
    {
        Dictionary<string, TensorProto> initializers = model.Graph.Initializer.ToDictionary(i => i.Name);
        var weights = new List<(string, long[], sbyte[])>();
        foreach (NodeProto layer in model.Graph.Node.Where(n => n.OpType is "Conv" or "Gemm"))
        {
            NodeProto? dequantize = model.Graph.Node.FirstOrDefault(n => n.OpType == "DequantizeLinear" && n.Output.Contains(layer.Input[1]));
            if (dequantize is not null && initializers.TryGetValue(dequantize.Input[0], out TensorProto? weight)
                && weight.DataType == (int)TensorProto.Types.DataType.Int8)
            {
                // FerNet writes Gemm weights [out, in] (transB = 1), as Conv kernels are, output channel first.
                Assert.True(layer.OpType == "Conv" || layer.Attribute.Any(a => a.Name == "transB" && a.I == 1), $"{layer.Name} has no transB = 1.");
                weights.Add((weight.Name, [.. weight.Dims], SaturationBound.Int8Values(weight)));
            }
        }

        return weights;
    }

    private static ModelProto Read(string path) =>
        ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(SharedData.RepositoryRoot, path)));
}
