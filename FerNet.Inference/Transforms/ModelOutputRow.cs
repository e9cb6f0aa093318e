using FerNet.Core;
using Microsoft.ML.Data;

namespace FerNet.Inference.Transforms;

/// <summary>The model's softmax for one face, in canonical order.</summary>
internal sealed class ModelOutputRow
{
    [ColumnName(FaceInputContract.OutputName)]
    public float[] Probabilities { get; set; } = [];
}
