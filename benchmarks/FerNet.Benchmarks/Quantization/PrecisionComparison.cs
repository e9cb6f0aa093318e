using System.Diagnostics;
using FerNet.Benchmarks.Models;
using FerNet.Core;
using FerNet.Inference;
using Microsoft.ML.OnnxRuntime;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FerNet.Benchmarks.Quantization;

/// <summary>
/// A float32 model and its int8 version measured in one process, round after round, alternating, so
/// that the load other users put on the shared machine falls on both alike: raw ONNX Runtime batched
/// faces/s (64 tensors per run) and single-image latency under several session settings, then
/// <see cref="EmotionModel.PredictBatch(IEnumerable{byte[]})"/> and <see cref="EmotionModel.Predict(byte[])"/>.
/// </summary>
/// <remarks>
/// A Stopwatch loop rather than BenchmarkDotNet: BenchmarkDotNet runs each case in its own process
/// one after the other, so a load change between cases would read as a precision difference.
/// </remarks>
internal static class PrecisionComparison
{
    private const int Faces = 256;
    private const int BatchSize = 64;
    private const int SingleRuns = 64;

    private static readonly RunOptions RunOptions = new();

    /// <summary>The environment variable naming the int8 model; <see cref="BenchmarkModel.PathVariable"/> names the float32 one.</summary>
    public const string Int8PathVariable = "FERNET_BENCHMARK_INT8_MODEL";

    private static readonly (string Name, Action<SessionOptions> Apply)[] Settings =
    [
        ("defaults (all optimizations, 2 intra-op threads)", _ => { }),
        ("intra-op threads 1", o => o.IntraOpNumThreads = 1),
        ("intra-op threads 2, no spinning", o => { o.IntraOpNumThreads = 2; o.AddSessionConfigEntry("session.intra_op.allow_spinning", "0"); }),
        ("extended optimizations", o => o.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED),
        ("basic optimizations", o => o.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC),
    ];

    /// <summary>Measures the two models and prints a table; returns the process exit code.</summary>
    public static int Run(bool quick)
    {
        string? floatPath = Environment.GetEnvironmentVariable(BenchmarkModel.PathVariable);
        string? int8Path = Environment.GetEnvironmentVariable(Int8PathVariable);
        if (string.IsNullOrWhiteSpace(floatPath) || string.IsNullOrWhiteSpace(int8Path))
        {
            Console.Error.WriteLine($"error: --int8 needs {BenchmarkModel.PathVariable} (the float32 model) and {Int8PathVariable} (its int8 version).");
            return 2;
        }

        int rounds = quick ? 3 : 9;
        byte[][] jpegs = BenchmarkFaces.Jpegs(Faces);
        float[] pixels = Decode(jpegs);
        (string Name, string Path)[] models = [("float32", floatPath), ("int8", int8Path)];
        Console.WriteLine($"float32: {floatPath}\nint8: {int8Path}\n{rounds} rounds, alternating; medians over rounds (batched) and over all single runs (latency).");
        Console.WriteLine("| setting | precision | raw ORT batched faces/s | raw ORT single median ms |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach ((string setting, Action<SessionOptions> apply) in Settings)
        {
            var sessions = models.Select(m =>
            {
                using var options = new SessionOptions();
                apply(options);
                return new InferenceSession(m.Path, options);
            }).ToArray();
            var batched = models.Select(_ => new List<double>()).ToArray();
            var single = models.Select(_ => new List<double>()).ToArray();
            for (int round = -1; round < rounds; round++)
            {
                for (int m = 0; m < models.Length; m++)
                {
                    // Round -1 warms each session up (first-run allocations, thread pool start) unrecorded.
                    double facesPerSecond = BatchedFacesPerSecond(sessions[m], pixels);
                    double[] latencies = SingleLatencies(sessions[m], pixels);
                    if (round >= 0)
                    {
                        batched[m].Add(facesPerSecond);
                        single[m].AddRange(latencies);
                    }
                }
            }

            for (int m = 0; m < models.Length; m++)
            {
                Console.WriteLine($"| {setting} | {models[m].Name} | {Median(batched[m]):F0} | {Median(single[m]):F3} |");
                sessions[m].Dispose();
            }

            Console.WriteLine($"| {setting} | int8 / float32 | {Median(batched[1]) / Median(batched[0]):F2}x | {Median(single[0]) / Median(single[1]):F2}x faster |");
        }

        Console.WriteLine();
        Console.WriteLine("| EmotionModel | precision | PredictBatch faces/s | Predict(JPEG) median ms |");
        Console.WriteLine("| --- | --- | --- | --- |");
        EmotionModel[] loaded = [.. models.Select(m => EmotionClassifier.Load(m.Path))];
        var batches = models.Select(_ => new List<double>()).ToArray();
        var predicts = models.Select(_ => new List<double>()).ToArray();
        for (int round = -1; round < rounds; round++)
        {
            for (int m = 0; m < models.Length; m++)
            {
                long start = Stopwatch.GetTimestamp();
                loaded[m].PredictBatch(jpegs);
                double facesPerSecond = Faces / Stopwatch.GetElapsedTime(start).TotalSeconds;
                var latencies = new List<double>();
                foreach (byte[] jpeg in jpegs.Take(SingleRuns))
                {
                    long t = Stopwatch.GetTimestamp();
                    loaded[m].Predict(jpeg);
                    latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }

                if (round >= 0)
                {
                    batches[m].Add(facesPerSecond);
                    predicts[m].AddRange(latencies);
                }
            }
        }

        for (int m = 0; m < models.Length; m++)
        {
            Console.WriteLine($"| EmotionClassifier.Load | {models[m].Name} | {Median(batches[m]):F0} | {Median(predicts[m]):F3} |");
            loaded[m].Dispose();
        }

        Console.WriteLine($"| EmotionClassifier.Load | int8 / float32 | {Median(batches[1]) / Median(batches[0]):F2}x | {Median(predicts[0]) / Median(predicts[1]):F2}x faster |");
        return 0;
    }

    private static double BatchedFacesPerSecond(InferenceSession session, float[] pixels)
    {
        long start = Stopwatch.GetTimestamp();
        for (int first = 0; first < Faces; first += BatchSize)
        {
            RunOnce(session, pixels.AsSpan(first * FaceInputContract.PixelCount, BatchSize * FaceInputContract.PixelCount).ToArray());
        }

        return Faces / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double[] SingleLatencies(InferenceSession session, float[] pixels)
    {
        var latencies = new double[SingleRuns];
        for (int i = 0; i < SingleRuns; i++)
        {
            float[] face = pixels.AsSpan(i * FaceInputContract.PixelCount, FaceInputContract.PixelCount).ToArray();
            long start = Stopwatch.GetTimestamp();
            RunOnce(session, face);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return latencies;
    }

    private static void RunOnce(InferenceSession session, float[] tensor)
    {
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(tensor, [tensor.Length / FaceInputContract.PixelCount, 1, FaceInputContract.Height, FaceInputContract.Width]);
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(RunOptions, [FaceInputContract.InputName], [input], [FaceInputContract.OutputName]);
    }

    // The JPEGs' gray values / 255, as FerNet's preprocessing makes them from 48x48 gray faces.
    private static float[] Decode(byte[][] jpegs)
    {
        var pixels = new float[jpegs.Length * FaceInputContract.PixelCount];
        for (int n = 0; n < jpegs.Length; n++)
        {
            using Image<L8> image = Image.Load<L8>(jpegs[n]);
            var buffer = new byte[FaceInputContract.PixelCount];
            image.CopyPixelDataTo(buffer);
            for (int i = 0; i < buffer.Length; i++)
            {
                pixels[(n * FaceInputContract.PixelCount) + i] = buffer[i] * FaceInputContract.PixelScale;
            }
        }

        return pixels;
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
