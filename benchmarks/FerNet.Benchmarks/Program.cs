using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FerNet.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/FerNet.Benchmarks [-- --quick]
// --quick takes a few hundred measurements instead of thousands: enough to check that all runs.
// FERNET_BENCHMARK_MODEL=path/to/model.onnx measures that model instead of the FerVgg-shaped one.
bool quick = args.Contains("--quick");
Console.WriteLine($"Model: {BenchmarkModel.Describe()}");
Summary[] summaries =
[
    BenchmarkRunner.Run<SingleImageLatencyBenchmarks>(BenchmarkConfigs.Latency(quick)),
    BenchmarkRunner.Run<BatchThroughputBenchmarks>(BenchmarkConfigs.Throughput(quick)),
];
return summaries.All(summary => summary.Reports.All(report => report.Success)) ? 0 : 1;
