using FerNet.Core;
using Microsoft.ML.OnnxRuntime;

namespace FerNet.Training.Export;

/// <summary>
/// Runs an exported FerNet model file in ONNX Runtime, to check an export against the TorchSharp
/// model it came from. Creating one loads the file, which is where ONNX Runtime checks the graph and
/// infers its shapes.
/// </summary>
internal sealed class OnnxModelRunner : IDisposable
{
    private static readonly string[] InputNames = [FaceInputContract.InputName];
    private static readonly string[] OutputNames = [FaceInputContract.OutputName, FaceInputContract.LogitsName];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();

    /// <summary>Loads the model at <paramref name="path"/>.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejects the file.</exception>
    public OnnxModelRunner(string path)
    {
        _session = new InferenceSession(path);
    }

    /// <summary>The graph inputs as ONNX Runtime sees them; symbolic dimensions are -1.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> Inputs => _session.InputMetadata;

    /// <summary>The graph outputs as ONNX Runtime sees them; symbolic dimensions are -1.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> Outputs => _session.OutputMetadata;

    /// <summary>The model's producer name.</summary>
    public string ProducerName => _session.ModelMetadata.ProducerName;

    /// <summary>The model's <c>metadata_props</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    /// <summary>Scores images given as pixel/255 values, 2304 per image, in batches of <paramref name="batchSize"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> does not hold whole images.</exception>
    public ClassScores Score(ReadOnlySpan<float> pixels, int batchSize)
    {
        int count = ImageBatches.Count(pixels, batchSize);
        var probabilities = new float[count * EmotionLabels.Count];
        var logits = new float[count * EmotionLabels.Count];
        for (int start = 0; start < count; start += batchSize)
        {
            int size = Math.Min(batchSize, count - start);
            float[] batch = pixels.Slice(start * FaceInputContract.PixelCount, size * FaceInputContract.PixelCount).ToArray();
            using OrtValue input = OrtValue.CreateTensorValueFromMemory(batch, [size, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width]);
            using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(_runOptions, InputNames, [input], OutputNames);
            outputs[0].GetTensorDataAsSpan<float>().CopyTo(probabilities.AsSpan(start * EmotionLabels.Count));
            outputs[1].GetTensorDataAsSpan<float>().CopyTo(logits.AsSpan(start * EmotionLabels.Count));
        }

        return new ClassScores(probabilities, logits);
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
