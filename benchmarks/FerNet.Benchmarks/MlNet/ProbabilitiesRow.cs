using FerNet.Core;
using Microsoft.ML.Data;

namespace FerNet.Benchmarks.MlNet;

/// <summary>The output row of ML.NET's own ONNX scoring: the model's seven probabilities in the model's output order.</summary>
internal sealed class ProbabilitiesRow
{
    [ColumnName(FaceInputContract.OutputName)]
    public float[] Probabilities { get; set; } = [];
}
