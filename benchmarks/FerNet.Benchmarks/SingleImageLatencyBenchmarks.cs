using BenchmarkDotNet.Attributes;
using FerNet.Inference;
using Microsoft.ML.OnnxRuntime;

namespace FerNet.Benchmarks;

/// <summary>
/// One face at a time: <see cref="EmotionModel.Predict(byte[])"/> on a 48x48 JPEG (decode, ML.NET
/// preprocessing through a pooled PredictionEngine, then the model's ONNX Runtime session),
/// <see cref="EmotionModel.PredictPixels(ReadOnlySpan{float})"/> on the preprocessed tensor (the
/// scoring path alone), and the reference: a raw <see cref="InferenceSession"/> run on the same tensor. Predict with flip test-time augmentation
/// shows what that option costs.
/// </summary>
public class SingleImageLatencyBenchmarks : InferenceBenchmark
{
    private const int Faces = 64;

    private float[][] _tensors = [];
    private EmotionModel? _mirroringModel;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        LoadModelAndFaces(Faces);
        _tensors = [.. Jpegs.Select(jpeg => Preprocess([jpeg]))];
        _mirroringModel = EmotionClassifier.FromStream(new MemoryStream(ModelBytes), new EmotionModelOptions { TestTimeAugmentation = TestTimeAugmentation.HorizontalFlip });
    }

    [Benchmark(Baseline = true, Description = "ONNX Runtime Run, 1 tensor")]
    public float OnnxRuntimeRun() => RunOnnxRuntime(_tensors[Next()]);

    [Benchmark(Description = "Predict(JPEG bytes)")]
    public EmotionPrediction Predict() => Model.Predict(Jpegs[Next()]);

    [Benchmark(Description = "PredictPixels(tensor)")]
    public EmotionPrediction PredictPixels() => Model.PredictPixels(_tensors[Next()]);

    [Benchmark(Description = "Predict(JPEG bytes), flip test-time augmentation")]
    public EmotionPrediction PredictWithFlip() => _mirroringModel!.Predict(Jpegs[Next()]);

    private protected override void DisposeMore() => _mirroringModel?.Dispose();

    private int Next() => _next = (_next + 1) % Faces;
}
