using System.Globalization;
using FerNet.Core;
using Microsoft.ML.OnnxRuntime;

namespace FerNet.Inference.Models;

/// <summary>
/// The one ONNX Runtime session of a loaded model, checked against <see cref="ModelContract"/> and
/// on probe faces: every prediction, of one face or many, is scored by <see cref="Score"/>. ONNX Runtime allows
/// concurrent runs on one session, so this may be called from many threads at once.
/// </summary>
internal sealed class ModelSession : IDisposable
{
    // How far the probabilities of one face may sum from 1: float softmax is off by a few 1e-7.
    private const double SumTolerance = 1e-3;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly int[] _outputIndexOf;
    private readonly string _modelName;

    private ModelSession(InferenceSession session, int[] outputIndexOf, string modelName)
    {
        _session = session;
        _outputIndexOf = outputIndexOf;
        _modelName = modelName;
        MaxFacesPerRun = session.InputMetadata[FaceInputContract.InputName].Dimensions[0] == 1 ? 1 : int.MaxValue;
        Metadata = new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap).AsReadOnly();
    }

    /// <summary>The model's custom metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>For each emotion in canonical order, the index of its probability in the model's output.</summary>
    public IReadOnlyList<int> OutputIndexOf => Array.AsReadOnly(_outputIndexOf);

    /// <summary>1 for a model whose input has a fixed batch of one; otherwise unbounded.</summary>
    public int MaxFacesPerRun { get; }

    /// <summary>Loads and checks a model.</summary>
    /// <param name="modelBytes">The ONNX file's bytes, which ONNX Runtime reads from memory: no copy is written anywhere.</param>
    /// <param name="modelName">How error messages name the model, such as "Model 'a.onnx'".</param>
    /// <exception cref="InvalidModelException">The bytes are no ONNX model, the model does not fit FerNet, or its outputs for the probe faces are no probabilities.</exception>
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
            var checkedSession = new ModelSession(session, ModelContract.Check(session, modelName), modelName);
            checkedSession.Probe(modelName);
            return checkedSession;
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
            using IDisposableReadOnlyCollection<OrtValue> outputs = Run(input, run);
            ReadOnlySpan<float> modelOutput = outputs[0].GetTensorDataAsSpan<float>();
            if (modelOutput.Length != run * EmotionLabels.Count)
            {
                throw new InvalidModelException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{_modelName} returned {modelOutput.Length} values in '{FaceInputContract.OutputName}' for {run} faces, not {EmotionLabels.Count} per face: its output does not follow its declared [N, {EmotionLabels.Count}] shape."));
            }

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

    // ONNX Runtime's own errors (a model that reshapes its input to one face although it declares a
    // free batch size) say nothing of which model failed.
    private IDisposableReadOnlyCollection<OrtValue> Run(OrtValue input, int faces)
    {
        try
        {
            return _session.Run(_runOptions, [FaceInputContract.InputName], [input], [FaceInputContract.OutputName]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException(string.Create(
                CultureInfo.InvariantCulture,
                $"{_modelName} failed to run on a batch of {faces} faces (its input declares a batch size of {(MaxFacesPerRun == 1 ? "1" : "N")}): {e.Message}"),
                e);
        }
    }

    /// <summary>
    /// Scores probe faces (mid-gray, black, white and a left-to-right ramp) and requires each
    /// output row to be a probability distribution: finite values in [0, 1] summing to 1. A model
    /// that ends in logits, or computes NaN, would otherwise load and give answers such as
    /// "sad 49,028 %" to every caller. The probe faces go through one run (unless the model takes
    /// one face at a time), so that a model that declares a free batch size but only runs one face
    /// fails here, at load, and not on the first batch.
    /// </summary>
    /// <exception cref="InvalidModelException">An output row is no probability distribution.</exception>
    private void Probe(string modelName)
    {
        (string Name, Func<int, float> Pixel)[] probes =
        [
            ("mid-gray", _ => 0.5f),
            ("black", _ => 0f),
            ("white", _ => 1f),
            ("left-to-right ramp", i => i % FaceInputContract.Width / (FaceInputContract.Width - 1f)),
        ];
        var faces = new float[probes.Length * FaceInputContract.PixelCount];
        for (int face = 0; face < probes.Length; face++)
        {
            for (int i = 0; i < FaceInputContract.PixelCount; i++)
            {
                faces[(face * FaceInputContract.PixelCount) + i] = probes[face].Pixel(i);
            }
        }

        var probabilities = new float[probes.Length * EmotionLabels.Count];
        Score(faces, probabilities);
        for (int face = 0; face < probes.Length; face++)
        {
            float[] row = probabilities[(face * EmotionLabels.Count)..((face + 1) * EmotionLabels.Count)];
            string? fault = DistributionFault(row);
            if (fault is not null)
            {
                string values = string.Join(", ", row.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{EmotionLabels.Names[i]} {p:G6}")));
                throw new InvalidModelException(
                    $"{modelName} does not output probabilities: for the {probes[face].Name} probe face its '{FaceInputContract.OutputName}' is [{values}], {fault}. A FerNet model ends in a softmax over the {EmotionLabels.Count} classes.");
            }
        }
    }

    private static string? DistributionFault(float[] row)
    {
        if (row.Any(p => !float.IsFinite(p)))
        {
            return "which holds NaN or infinity";
        }

        float outside = row.FirstOrDefault(p => p is < 0f or > 1f, float.NaN);
        if (!float.IsNaN(outside))
        {
            return string.Create(CultureInfo.InvariantCulture, $"where {outside:G6} is not a probability in [0, 1]");
        }

        double sum = row.Sum(p => (double)p);
        return Math.Abs(sum - 1) <= SumTolerance
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"whose values sum to {sum:G6}, not to 1 within {SumTolerance}");
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
