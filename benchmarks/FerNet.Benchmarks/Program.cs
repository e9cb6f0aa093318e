using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FerNet.Benchmarks;
using FerNet.Benchmarks.Faces;
using FerNet.Benchmarks.Measurement;
using FerNet.Benchmarks.Models;

// Usage: dotnet run -c Release --project benchmarks/FerNet.Benchmarks [-- --quick]
// --quick takes a few hundred measurements instead of thousands: enough to check that all runs.
// FERNET_BENCHMARK_MODEL=path/to/model.onnx measures that model instead of the FerVgg-shaped one
// (the face benchmark uses the embedded default model unless it is set).
// --faces runs only the frames-per-second benchmark of FerNet.Faces, which needs ../shared (YuNet, FER2013).
// --alignment [--max-tilt 30] [--limit N] prints the accuracy of FerNet.Faces with and without face
// alignment on FER2013 test faces tilted on generated photos (an evaluation, not a timing).
// --photos times FaceEmotionAnalyzer.AnalyzeBatch against one Analyze per photo, in faces per second.
// --int8 compares FERNET_BENCHMARK_MODEL with its int8 version FERNET_BENCHMARK_INT8_MODEL in one process.
bool quick = args.Contains("--quick");
if (args.Contains("--alignment"))
{
    return AlignmentEvaluation.Run(
        OptionValue("--max-tilt") is string tilt ? double.Parse(tilt, System.Globalization.CultureInfo.InvariantCulture) : 30,
        OptionValue("--limit") is string limit ? int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture) : null);
}

if (args.Contains("--photos"))
{
    Console.WriteLine($"Model: {FaceFrameBenchmarks.DescribeModel()}");
    Summary photos = BenchmarkRunner.Run<PhotoBatchBenchmarks>(BenchmarkConfigs.Throughput(quick, "Faces"));
    return photos.Reports.All(report => report.Success) ? 0 : 1;
}

if (args.Contains("--int8"))
{
    return FerNet.Benchmarks.Quantization.PrecisionComparison.Run(quick);
}

bool faces = args.Contains("--faces");
Console.WriteLine($"Model: {(faces ? FaceFrameBenchmarks.DescribeModel() : BenchmarkModel.Describe())}");
Summary[] summaries = faces
    ? [BenchmarkRunner.Run<FaceFrameBenchmarks>(BenchmarkConfigs.Throughput(quick, "Frames"))]
    :
    [
        BenchmarkRunner.Run<SingleImageLatencyBenchmarks>(BenchmarkConfigs.Latency(quick)),
        BenchmarkRunner.Run<BatchThroughputBenchmarks>(BenchmarkConfigs.Throughput(quick)),
    ];
return summaries.All(summary => summary.Reports.All(report => report.Success)) ? 0 : 1;

string? OptionValue(string name) => Array.IndexOf(args, name) is int at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
