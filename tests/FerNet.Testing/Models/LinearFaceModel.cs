using FerNet.Core;
using FerNet.Core.Models;

namespace FerNet.Testing.Models;

/// <summary>
/// A real ONNX model for tests: input [N, 1, 48, 48] → Flatten → Gemm with deterministic
/// pseudo-random weights → logits → Softmax → probabilities, with the label names in metadata.
/// <see cref="Expected"/> computes the same arithmetic in C#, so a test can check the pipeline's
/// preprocessing and label order, not only that something ran.
/// </summary>
public sealed class LinearFaceModel
{
    private readonly float[] _weights;
    private readonly float[] _bias;

    /// <param name="seed">Seeds the weights.</param>
    /// <param name="labels">The label names in output order.</param>
    public LinearFaceModel(int seed, IReadOnlyList<string> labels)
    {
        Labels = labels;
        var random = new Random(seed);
        _weights = new float[FaceInputContract.PixelCount * labels.Count];
        for (int i = 0; i < _weights.Length; i++)
        {
            _weights[i] = (float)((random.NextDouble() * 2) - 1) * 0.1f;
        }

        _bias = new float[labels.Count];
        for (int i = 0; i < _bias.Length; i++)
        {
            _bias[i] = (float)((random.NextDouble() * 2) - 1);
        }
    }

    /// <summary>The label names in output order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The model as FerNet expects it.</summary>
    public byte[] ToOnnx() => ToOnnx(FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width);

    /// <summary>
    /// The same weights behind another input shape and names, for models FerNet must refuse.
    /// A null <paramref name="batch"/> is the symbolic dimension; null <paramref name="labelsMetadata"/> leaves the key out;
    /// <paramref name="outputOperator"/> is the one-input ONNX operator that turns logits into the output.
    /// </summary>
    public byte[] ToOnnx(
        int channels,
        int height,
        int width,
        long? batch = null,
        string inputName = FaceInputContract.InputName,
        string outputName = FaceInputContract.OutputName,
        string? labelsMetadata = "",
        string outputOperator = "Softmax")
    {
        int features = channels * height * width;
        int classes = Labels.Count;
        var weights = new float[features * classes];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = _weights[i % _weights.Length];
        }

        var builder = new OnnxGraphBuilder()
            .Input(inputName, batch, channels, height, width)
            .Initializer("weights", [features, classes], weights)
            .Initializer("bias", [classes], _bias)
            .Node("Flatten", [inputName], "flat", ("axis", 1L))
            .Node("Gemm", ["flat", "weights", "bias"], FaceInputContract.LogitsName)
            .Node(outputOperator, [FaceInputContract.LogitsName], outputName, outputOperator == "Softmax" ? new (string, object)[] { ("axis", 1L) } : [])
            .Output(outputName, batch, classes)
            .Output(FaceInputContract.LogitsName, batch, classes)
            .Metadata(ModelMetadataKeys.Architecture, "linear-test");
        if (labelsMetadata is not null)
        {
            builder.Metadata(ModelMetadataKeys.Labels, labelsMetadata.Length == 0 ? string.Join(",", Labels) : labelsMetadata);
        }

        return builder.ToBytes();
    }

    /// <summary>The probabilities the model gives for one preprocessed face, in canonical emotion order.</summary>
    public float[] Expected(ReadOnlySpan<float> input)
    {
        int classes = Labels.Count;
        var logits = new double[classes];
        for (int c = 0; c < classes; c++)
        {
            double sum = _bias[c];
            for (int i = 0; i < input.Length; i++)
            {
                sum += input[i] * _weights[(i * classes) + c];
            }

            logits[c] = sum;
        }

        double max = logits.Max();
        double total = logits.Sum(l => Math.Exp(l - max));
        var canonical = new float[EmotionLabels.Count];
        for (int c = 0; c < classes; c++)
        {
            Assert.True(EmotionLabels.TryParse(Labels[c], out Emotion emotion));
            canonical[(int)emotion] = (float)(Math.Exp(logits[c] - max) / total);
        }

        return canonical;
    }
}
