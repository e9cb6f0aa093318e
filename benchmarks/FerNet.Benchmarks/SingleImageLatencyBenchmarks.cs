using BenchmarkDotNet.Attributes;
using FerNet.Core;
using FerNet.Inference;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace FerNet.Benchmarks;

/// <summary>
/// One face at a time: <see cref="EmotionModel.Predict(byte[])"/> on a 48x48 JPEG (decode, ML.NET
/// preprocessing, ApplyOnnxModel through a pooled PredictionEngine), <see cref="EmotionModel.PredictPixels(ReadOnlySpan{float})"/>
/// on the preprocessed tensor (the ML.NET scoring path alone), and the reference: a raw
/// <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// on the same tensor.
/// </summary>
public class SingleImageLatencyBenchmarks : IDisposable
{
    private const int Faces = 64;

    private EmotionModel? _model;
    private InferenceSession? _session;
    private RunOptions? _runOptions;
    private byte[][] _jpegs = [];
    private float[][] _tensors = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        byte[] modelBytes = BenchmarkModel.Load();
        _model = EmotionClassifier.FromBytes(modelBytes);
        _session = new InferenceSession(modelBytes);
        _runOptions = new RunOptions();
        _jpegs = BenchmarkFaces.Jpegs(Faces);
        _tensors = [.. _jpegs.Select(Preprocess)];
    }

    [Benchmark(Baseline = true, Description = "ONNX Runtime Run, 1 tensor")]
    public float OnnxRuntimeRun()
    {
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(_tensors[Next()], [1, 1, FaceInputContract.Height, FaceInputContract.Width]);
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session!.Run(_runOptions, [FaceInputContract.InputName], [input], [FaceInputContract.OutputName]);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    [Benchmark(Description = "Predict(JPEG bytes)")]
    public EmotionPrediction Predict() => _model!.Predict(_jpegs[Next()]);

    [Benchmark(Description = "PredictPixels(tensor)")]
    public EmotionPrediction PredictPixels() => _model!.PredictPixels(_tensors[Next()]);

    [GlobalCleanup]
    public void Dispose()
    {
        _model?.Dispose();
        _session?.Dispose();
        _runOptions?.Dispose();
        GC.SuppressFinalize(this);
    }

    private float[] Preprocess(byte[] jpeg)
    {
        using MLImage image = ImageDecoder.Decode(jpeg, "benchmark face");
        return _model!.Preprocess([image]);
    }

    private int Next() => _next = (_next + 1) % Faces;
}
