using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace FerNet.Training.Quantization;

/// <summary>
/// The graph ONNX Runtime actually runs after its graph optimizations: the proof that a QDQ model's
/// convolutions became integer kernels rather than float ones between dequantize and quantize.
/// </summary>
internal static class OptimizedGraph
{
    /// <summary>The integer operators a QDQ model's layers fuse into on ONNX Runtime's CPU provider.</summary>
    public static IReadOnlyList<string> IntegerOperators { get; } = ["QLinearConv", "ConvInteger", "QGemm", "QLinearMatMul", "MatMulInteger", "QLinearGlobalAveragePool"];

    /// <summary>How many nodes of each operator type the optimized graph of <paramref name="model"/> holds.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejects the model.</exception>
    public static IReadOnlyDictionary<string, int> OperatorCounts(byte[] model)
    {
        string path = Path.Combine(Path.GetTempPath(), $"fernet-optimized-{Guid.NewGuid():N}.onnx");
        try
        {
            // Extended, not All: All adds the NCHWc layout rewrite, which serialises only for this CPU
            // and does not touch the integer kernels; the QDQ fusions happen at Extended.
            using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, OptimizedModelFilePath = path })
            using (new InferenceSession(model, options))
            {
            }

            GraphProto graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph;
            return graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
