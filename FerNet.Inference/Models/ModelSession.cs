using FerNet.Core;
using Microsoft.ML.OnnxRuntime;

namespace FerNet.Inference.Models;

/// <summary>
/// The one ONNX Runtime session of a loaded model, checked against <see cref="ModelContract"/>:
/// every prediction, of one face or many, is scored by <see cref="Score"/>. ONNX Runtime allows
/// concurrent runs on one session, so this may be called from many threads at once.
/// </summary>
internal sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly int[] _outputIndexOf;

    private ModelSession(InferenceSession session, int[] outputIndexOf)
    {
        _session = session;
        _outputIndexOf = outputIndexOf;
        MaxFacesPerRun = session.InputMetadata[FaceInputContract.InputName].Dimensions[0] == 1 ? 1 : int.MaxValue;
        Metadata = new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap).AsReadOnly();
    }

    /// <summary>The model's custom metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>1 for a model whose input has a fixed batch of one; otherwise unbounded.</summary>
    public int MaxFacesPerRun { get; }

    /// <summary>Loads and checks a model.</summary>
    /// <param name="modelBytes">The ONNX file's bytes, which ONNX Runtime reads from memory: no copy is written anywhere.</param>
    /// <param name="modelName">How error messages name the model, such as "Model 'a.onnx'".</param>
    /// <exception cref="InvalidModelException">The bytes are no ONNX model, or the model does not fit FerNet.</exception>
    public static ModelSession Open(byte[] modelBytes, string modelName)
    {
        if (modelBytes.Length == 0)
        {
            throw new InvalidModelException($"{modelName} is empty: it has no bytes.");
        }

        InferenceSession session;
        try
        {
            session = new InferenceSession(modelBytes);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException($"{modelName} is not an ONNX model that ONNX Runtime can load: {e.Message}", e);
        }

        try
        {
            return new ModelSession(session, ModelContract.Check(session, modelName));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Scores the preprocessed faces stored back to back in <paramref name="faces"/> (48 x 48 floats
    /// each) and writes each face's seven probabilities, in canonical emotion order, to
    /// <paramref name="probabilities"/> (seven floats per face).
    /// </summary>
    public void Score(Memory<float> faces, Span<float> probabilities)
    {
        int count = faces.Length / FaceInputContract.PixelCount;
        for (int first = 0; first < count; first += MaxFacesPerRun)
        {
            int run = Math.Min(MaxFacesPerRun, count - first);
            using OrtValue input = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance,
                faces.Slice(first * FaceInputContract.PixelCount, run * FaceInputContract.PixelCount),
                [run, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width]);
            using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(
                _runOptions,
                [FaceInputContract.InputName],
                [input],
                [FaceInputContract.OutputName]);
            ReadOnlySpan<float> modelOutput = outputs[0].GetTensorDataAsSpan<float>();
            for (int face = 0; face < run; face++)
            {
                ReadOnlySpan<float> scores = modelOutput.Slice(face * EmotionLabels.Count, EmotionLabels.Count);
                Span<float> target = probabilities.Slice((first + face) * EmotionLabels.Count, EmotionLabels.Count);
                for (int emotion = 0; emotion < EmotionLabels.Count; emotion++)
                {
                    target[emotion] = scores[_outputIndexOf[emotion]];
                }
            }
        }
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
