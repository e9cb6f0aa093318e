using Microsoft.ML.Data;

namespace FerNet.Inference;

/// <summary>The ML.NET input row of the image pipeline: one decoded image.</summary>
internal sealed class FaceImageRow
{
    [ColumnName(FacePreprocessing.ImageColumn)]
    public MLImage? Image { get; set; }
}
