using FerNet.Core;
using Microsoft.ML.Data;

namespace FerNet.Inference.Pipeline;

/// <summary>The ML.NET row the preprocessing ends in: one preprocessed 1 x 48 x 48 face, values in [0, 1], as the model takes it.</summary>
internal sealed class FaceTensorRow
{
    [ColumnName(FaceInputContract.InputName)]
    [VectorType(FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width)]
    public float[] Input { get; set; } = [];
}
