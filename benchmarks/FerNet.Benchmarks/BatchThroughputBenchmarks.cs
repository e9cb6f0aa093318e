using BenchmarkDotNet.Attributes;
using FerNet.Benchmarks.MlNet;
using FerNet.Core;
using FerNet.Inference;
using FerNet.Inference.Images;
using FerNet.Inference.Pipeline;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;

namespace FerNet.Benchmarks;

/// <summary>
/// 256 faces per invocation: <see cref="EmotionModel.PredictBatch(IEnumerable{byte[]})"/> on 48x48
/// JPEGs, a loop of single Predict calls, ML.NET's own IDataView scoring (ApplyOnnxModel, which runs
/// the model one row at a time), and the reference: raw ONNX Runtime runs of 64 preprocessed
/// tensors at a time, beside raw runs of one tensor at a time (what batching itself gains).
/// </summary>
public class BatchThroughputBenchmarks : InferenceBenchmark
{
    private const int Faces = 256;
    private const int BatchSize = 64;

    private float[][] _batches = [];
    private float[][] _singles = [];
    private MLContext? _mlContext;
    private OnnxTransformer? _onnxTransformer;
    private ITransformer? _dataViewScoring;

    [GlobalSetup]
    public void Setup()
    {
        LoadModelAndFaces(Faces);
        _batches = [.. Jpegs.Chunk(BatchSize).Select(Preprocess)];
        _singles = [.. _batches.SelectMany(batch => batch.Chunk(FaceInputContract.PixelCount))];

        _mlContext = new MLContext(seed: 0);
        using var preprocessing = new FacePreprocessing(_mlContext);
        string modelPath = Path.Combine(Path.GetTempPath(), $"fernet-benchmark-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(modelPath, ModelBytes);
        _onnxTransformer = _mlContext.Transforms
            .ApplyOnnxModel([FaceInputContract.OutputName], [FaceInputContract.InputName], modelPath)
            .Fit(preprocessing.Transformer.Transform(_mlContext.Data.LoadFromEnumerable(Array.Empty<FaceImageRow>())));
        File.Delete(modelPath);
        _dataViewScoring = preprocessing.Transformer.Append(_onnxTransformer);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Faces, Description = "ONNX Runtime Run, 64 tensors per call")]
    public float OnnxRuntimeRunBatches()
    {
        float sum = 0;
        foreach (float[] batch in _batches)
        {
            sum += RunOnnxRuntime(batch);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Faces, Description = "ONNX Runtime Run, 1 tensor per call")]
    public float OnnxRuntimeRunSingles()
    {
        float sum = 0;
        foreach (float[] face in _singles)
        {
            sum += RunOnnxRuntime(face);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Faces, Description = "PredictBatch(JPEG bytes)")]
    public IReadOnlyList<EmotionPrediction> PredictBatch() => Model.PredictBatch(Jpegs);

    [Benchmark(OperationsPerInvoke = Faces, Description = "Predict(JPEG bytes) in a loop")]
    public EmotionPrediction? PredictLoop()
    {
        EmotionPrediction? last = null;
        foreach (byte[] jpeg in Jpegs)
        {
            last = Model.Predict(jpeg);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Faces, Description = "ML.NET IDataView with ApplyOnnxModel")]
    public float MlNetDataViewScoring()
    {
        MLImage[] images = [.. Jpegs.Select(jpeg => ImageDecoder.Decode(jpeg, "benchmark face"))];
        IDataView scored = _dataViewScoring!.Transform(_mlContext!.Data.LoadFromEnumerable(images.Select(image => new FaceImageRow { Image = image })));
        float sum = 0;
        foreach (ProbabilitiesRow row in _mlContext.Data.CreateEnumerable<ProbabilitiesRow>(scored, reuseRowObject: true))
        {
            sum += row.Probabilities[0];
        }

        Array.ForEach(images, image => image.Dispose());
        return sum;
    }

    private protected override void DisposeMore() => _onnxTransformer?.Dispose();
}
