using FerNet.Core;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace FerNet.Inference;

/// <summary>The row the pixel-extraction step reads: the gray face resized to 48 x 48.</summary>
internal sealed class ResizedFaceRow
{
    [ColumnName(FacePreprocessing.ResizedColumn)]
    [ImageType(FaceInputContract.Height, FaceInputContract.Width)]
    public MLImage? Image { get; set; }
}
