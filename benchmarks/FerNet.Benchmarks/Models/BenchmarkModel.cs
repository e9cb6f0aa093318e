namespace FerNet.Benchmarks.Models;

/// <summary>
/// The model every benchmark in a run uses: the .onnx file named by the environment variable
/// FERNET_BENCHMARK_MODEL (for instance the exported default model), else <see cref="FerVggShapedModel"/>.
/// </summary>
internal static class BenchmarkModel
{
    public const string PathVariable = "FERNET_BENCHMARK_MODEL";

    public static byte[] Load()
    {
        string? path = Environment.GetEnvironmentVariable(PathVariable);
        return string.IsNullOrWhiteSpace(path) ? FerVggShapedModel.Build() : File.ReadAllBytes(path);
    }

    public static string Describe()
    {
        string? path = Environment.GetEnvironmentVariable(PathVariable);
        return string.IsNullOrWhiteSpace(path) ? "FerVgg-shaped model with random weights" : path;
    }
}
