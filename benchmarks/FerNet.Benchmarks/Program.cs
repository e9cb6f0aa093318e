using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FerNet.Benchmarks;
using FerNet.Benchmarks.Faces;
using FerNet.Benchmarks.Measurement;
using FerNet.Benchmarks.Models;

const string Usage = """
    Usage: dotnet run -c Release --project benchmarks/FerNet.Benchmarks -- [mode] [--quick]

    Without a mode: single-image latency and batch throughput of FERNET_BENCHMARK_MODEL
    (path/to/model.onnx; default: a FerVgg-shaped model).
      --quick               a few hundred measurements instead of thousands: enough to check that all runs
      --faces               frames per second of FerNet.Faces (needs ../shared: YuNet, FER2013)
      --photos              FaceEmotionAnalyzer.AnalyzeBatch against one Analyze per photo, in faces/s
      --alignment [--max-tilt 30] [--limit N]
                            accuracy of FerNet.Faces with and without face alignment on FER2013 test
                            faces tilted on generated photos (an evaluation, not a timing)
      --int8                FERNET_BENCHMARK_MODEL against its int8 version FERNET_BENCHMARK_INT8_MODEL,
                            alternating in one process: raw ONNX Runtime, PredictBatch and Predict
      --help, -h            this text
    """;
string[] known = ["--quick", "--faces", "--photos", "--alignment", "--max-tilt", "--limit", "--int8", "--help", "-h"];
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage);
    return 0;
}

if (args.FirstOrDefault(arg => arg.StartsWith('-') && !known.Contains(arg)) is string unknown)
{
    Console.Error.WriteLine($"error: unknown option '{unknown}'; --help lists the modes.");
    return 2;
}

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
