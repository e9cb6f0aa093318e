using FerNet.Core;
using Microsoft.ML.Data;

namespace FerNet.Inference.Transforms;

/// <summary>One face as the model takes it: 48 x 48 gray values in [0, 1], row by row.</summary>
internal sealed class ModelInputRow
{
    [ColumnName(FaceInputContract.InputName)]
    [VectorType(FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width)]
    public float[] Input { get; set; } = [];
}
