using BenchmarkDotNet.Attributes;
using FerNet.Benchmarks.Models;
using FerNet.Faces;
using FerNet.Inference;
using OpenCvSharp;

namespace FerNet.Benchmarks.Faces;

/// <summary>
/// Eight photos of five faces each (the face benchmark's 640 x 480 frame, as PNG files): one
/// <see cref="FaceEmotionAnalyzer.Analyze(string)"/> per photo against one
/// <see cref="FaceEmotionAnalyzer.AnalyzeBatch"/> over all eight, whose 40 faces are classified in
/// one <see cref="EmotionModel.PredictBatch(IEnumerable{Microsoft.ML.Data.MLImage})"/>. The rate is
/// faces per second, decoding and detection included.
/// </summary>
public class PhotoBatchBenchmarks : IDisposable
{
    private const int Photos = 8;
    private const int FacesPerPhoto = 5;

    private readonly string _folder = Directory.CreateTempSubdirectory("fernet-photo-batch-").FullName;
    private string[] _paths = [];
    private FaceEmotionAnalyzer? _analyzer;
    private IEmotionModel? _model;
    // The model file this benchmark loaded, its own to dispose; null when it runs the shared default.
    private EmotionModel? _loaded;

    [GlobalSetup]
    public void Setup()
    {
        using Mat frame = BenchmarkFrame.FiveFaces();
        _paths = [.. Enumerable.Range(0, Photos).Select(i => Path.Combine(_folder, $"photo-{i}.png"))];
        foreach (string path in _paths)
        {
            Cv2.ImWrite(path, frame);
        }

        _loaded = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BenchmarkModel.PathVariable)) ? null : EmotionClassifier.FromStream(new MemoryStream(BenchmarkModel.Load()));
        _model = _loaded ?? EmotionClassifier.Default;
        _analyzer = new FaceEmotionAnalyzer(new YuNetFaceDetector(BenchmarkFrame.DetectorPath), _model);
        int found = _analyzer.AnalyzeBatch(_paths).Sum(faces => faces.Count);
        if (found != Photos * FacesPerPhoto)
        {
            throw new InvalidOperationException($"The benchmark photos should show {Photos * FacesPerPhoto} faces to YuNet; it found {found}.");
        }
    }

    [Benchmark(Baseline = true, Description = "Analyze, one photo at a time", OperationsPerInvoke = Photos * FacesPerPhoto)]
    public int AnalyzeEach() => _paths.Sum(path => _analyzer!.Analyze(path).Count);

    [Benchmark(Description = "AnalyzeBatch, 8 photos", OperationsPerInvoke = Photos * FacesPerPhoto)]
    public int AnalyzeBatch() => _analyzer!.AnalyzeBatch(_paths).Sum(faces => faces.Count);

    [GlobalCleanup]
    public void Dispose()
    {
        _analyzer?.Dispose();
        _loaded?.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
