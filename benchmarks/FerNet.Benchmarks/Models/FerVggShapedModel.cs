using FerNet.Core;
using FerNet.Core.Models;
using FerNet.Testing.Models;

namespace FerNet.Benchmarks.Models;

/// <summary>
/// An ONNX model with FerVgg's inference graph (BatchNorm folded into the convolutions): four
/// stages of two 3x3 convolutions with ReLU (32, 64, 128, 256 channels) and 2x2 max-pooling, global
/// average pooling, one linear layer and softmax; about 117 M multiply-adds per face. The weights
/// are random: timing depends on the shapes, not on what the model learned.
/// </summary>
internal static class FerVggShapedModel
{
    private static readonly int[] StageChannels = [32, 64, 128, 256];

    public static byte[] Build()
    {
        var random = new Random(2013);
        var graph = new OnnxGraphBuilder().Input(FaceInputContract.InputName, null, 1, FaceInputContract.Height, FaceInputContract.Width);
        string current = FaceInputContract.InputName;
        int inChannels = 1;
        for (int stage = 0; stage < StageChannels.Length; stage++)
        {
            int channels = StageChannels[stage];
            for (int conv = 1; conv <= 2; conv++)
            {
                string id = $"s{stage + 1}c{conv}";
                graph.Initializer($"{id}_w", [channels, inChannels, 3, 3], HeUniform(random, channels * inChannels * 9, inChannels * 9))
                    .Initializer($"{id}_b", [channels], new float[channels])
                    .Node("Conv", [current, $"{id}_w", $"{id}_b"], $"{id}_conv", ("kernel_shape", new long[] { 3, 3 }), ("pads", new long[] { 1, 1, 1, 1 }))
                    .Node("Relu", [$"{id}_conv"], $"{id}_relu");
                current = $"{id}_relu";
                inChannels = channels;
            }

            graph.Node("MaxPool", [current], $"pool{stage + 1}", ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }));
            current = $"pool{stage + 1}";
        }

        return graph
            .Node("GlobalAveragePool", [current], "gap")
            .Node("Flatten", ["gap"], "flat", ("axis", 1L))
            .Initializer("fc_w", [inChannels, EmotionLabels.Count], HeUniform(random, inChannels * EmotionLabels.Count, inChannels))
            .Initializer("fc_b", [EmotionLabels.Count], new float[EmotionLabels.Count])
            .Node("Gemm", ["flat", "fc_w", "fc_b"], FaceInputContract.LogitsName)
            .Node("Softmax", [FaceInputContract.LogitsName], FaceInputContract.OutputName, ("axis", 1L))
            .Output(FaceInputContract.OutputName, null, EmotionLabels.Count)
            .Output(FaceInputContract.LogitsName, null, EmotionLabels.Count)
            .Metadata(ModelMetadataKeys.Labels, string.Join(",", EmotionLabels.Names))
            .Metadata(ModelMetadataKeys.Architecture, "fer-vgg-shaped")
            .ToBytes();
    }

    private static float[] HeUniform(Random random, int count, int fanIn)
    {
        float limit = MathF.Sqrt(6f / fanIn);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = ((random.NextSingle() * 2) - 1) * limit;
        }

        return values;
    }
}
