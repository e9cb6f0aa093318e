using FerNet.Core;
using Microsoft.ML.Data;

namespace FerNet.Inference;

/// <summary>The ML.NET output row: the model's seven probabilities in the model's output order.</summary>
internal sealed class ProbabilitiesRow
{
    [ColumnName(FaceInputContract.OutputName)]
    public float[] Probabilities { get; set; } = [];
}
