using BenchmarkDotNet.Attributes;
using FerNet.Faces;
using FerNet.Benchmarks.Models;
using FerNet.Faces.Analysis;
using FerNet.Faces.Images;
using FerNet.Faces.Video;
using FerNet.Faces.Video.Frames;
using FerNet.Inference;
using Microsoft.ML.Data;
using OpenCvSharp;

namespace FerNet.Benchmarks.Faces;

/// <summary>
/// One 640 x 480 frame holding five FER2013 test faces (120 px each, on a plain background), as a
/// webcam would give: YuNet detection alone, the classification of the five face crops alone, and
/// both together (<see cref="VideoAnalysis.Analyze(FaceEmotionAnalyzer, Mat)"/>), whose rate is the frames per
/// second a video or camera reaches with every frame analysed; then the same with detection on the
/// frame shrunk to 320 x 240 (YuNetFaceDetector's maxDetectionSide). The emotion model is the
/// embedded default, or the file named by FERNET_BENCHMARK_MODEL.
/// </summary>
public class FaceFrameBenchmarks : IDisposable
{
    private const int Faces = 5;

    private Mat _frame = new();
    private YuNetFaceDetector? _detector;
    private FaceEmotionAnalyzer? _analyzer;
    private FaceEmotionAnalyzer? _shrinkingAnalyzer;
    private IEmotionModel? _model;
    // The model file this benchmark loaded, its own to dispose; null when it runs the shared default.
    private EmotionModel? _loaded;
    private MLImage[] _crops = [];

    [GlobalSetup]
    public void Setup()
    {
        _frame = BenchmarkFrame.FiveFaces();
        _detector = new YuNetFaceDetector(BenchmarkFrame.DetectorPath);
        _loaded = UsesEmbeddedModel ? null : EmotionClassifier.FromStream(new MemoryStream(BenchmarkModel.Load()));
        _model = _loaded ?? EmotionClassifier.Default;
        _analyzer = new FaceEmotionAnalyzer(new YuNetFaceDetector(BenchmarkFrame.DetectorPath), _model);
        _shrinkingAnalyzer = new FaceEmotionAnalyzer(new YuNetFaceDetector(BenchmarkFrame.DetectorPath, maxDetectionSide: 320), _model);
        foreach ((string name, FaceEmotionAnalyzer analyzer) in new[] { ("full size", _analyzer), ("320 px", _shrinkingAnalyzer) })
        {
            int found = analyzer.Analyze(_frame).Count;
            if (found != Faces)
            {
                throw new InvalidOperationException($"The benchmark frame should show {Faces} faces to YuNet at {name}; it found {found}.");
            }
        }

        using MLImage image = MatImages.ToMLImage(_frame);
        using FaceImage pixels = FaceImage.From(image);
        _crops = [.. _detector.Detect(_frame).Select(face => pixels.Crop(FaceCropRegion.Around(face.Box, _frame.Width, _frame.Height)))];
    }

    private static bool UsesEmbeddedModel => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BenchmarkModel.PathVariable));

    /// <summary>The emotion model this benchmark runs, for the report's first line.</summary>
    public static string DescribeModel() => UsesEmbeddedModel ? "the embedded default model" : BenchmarkModel.Describe();

    [Benchmark(Baseline = true, Description = "YuNet detection, 640x480")]
    public int Detect() => _detector!.Detect(_frame).Count;

    [Benchmark(Description = "5 face crops classified (Predict)")]
    public float Classify()
    {
        float sum = 0;
        foreach (MLImage crop in _crops)
        {
            sum += _model!.Predict(crop).Probability;
        }

        return sum;
    }

    [Benchmark(Description = "Analyze: detection + 5 faces classified")]
    public int Analyze() => _analyzer!.Analyze(_frame).Count;

    [Benchmark(Description = "Analyze, detection at 320x240")]
    public int AnalyzeShrunk() => _shrinkingAnalyzer!.Analyze(_frame).Count;

    [GlobalCleanup]
    public void Dispose()
    {
        _analyzer?.Dispose();
        _shrinkingAnalyzer?.Dispose();
        _detector?.Dispose();
        _loaded?.Dispose();
        _frame.Dispose();
        Array.ForEach(_crops, crop => crop.Dispose());
        GC.SuppressFinalize(this);
    }
}
