using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace FerNet.Benchmarks.Measurement;

/// <summary>
/// The two measurement setups. Benchmarks run in process: the benchmark project shares the
/// solution's build settings, and an out-of-process toolchain would build a second copy of it.
/// </summary>
internal static class BenchmarkConfigs
{
    private static readonly string ArtifactsPath = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "benchmarks");

    /// <summary>
    /// One call per measurement, so that the median and P99 are those of single calls; garbage
    /// collections are not forced between calls, so their pauses show in the tail as they would in use.
    /// </summary>
    public static IConfig Latency(bool quick) => ManualConfig.CreateEmpty()
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithWarmupCount(quick ? 20 : 200)
            .WithIterationCount(quick ? 200 : 3000)
            .WithGcForce(false))
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddColumn(StatisticColumn.Median, StatisticColumn.P95, new PercentileColumn(99))
        .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
        .AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub)
        .WithArtifactsPath(ArtifactsPath);

    /// <summary>Many images per invocation; the mean time per image gives images per second (or frames, as <paramref name="unit"/> says).</summary>
    public static IConfig Throughput(bool quick, string unit = "Images") => ManualConfig.CreateEmpty()
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(quick ? 2 : 5)
            .WithIterationCount(quick ? 5 : 20))
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddColumn(new ImagesPerSecondColumn(unit))
        .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
        .AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub)
        .WithArtifactsPath(ArtifactsPath);
}
