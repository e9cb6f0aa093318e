using FerNet.Core;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace FerNet.Inference.Pipeline;

/// <summary>The scaled-and-cropped 48 x 48 face that <see cref="ScaledGrayMappingFactory"/> reads.</summary>
internal sealed class ResizedFaceRow
{
    [ColumnName(FacePreprocessing.ResizedColumn)]
    [ImageType(FaceInputContract.Height, FaceInputContract.Width)]
    public MLImage? Image { get; set; }
}
