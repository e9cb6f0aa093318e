using FerNet.Core;
using Microsoft.ML.Data;

namespace FerNet.Inference.Pipeline;

/// <summary>The ML.NET input row of the model alone: one preprocessed 1 x 48 x 48 face, values in [0, 1].</summary>
internal sealed class FaceTensorRow
{
    [ColumnName(FaceInputContract.InputName)]
    [VectorType(FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width)]
    public float[] Input { get; set; } = [];
}
