using FerNet.Core;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace FerNet.Inference.Transforms;

/// <summary>The scaled-and-cropped face that <see cref="ScaledGrayMappingFactory"/> reads.</summary>
internal sealed class ResizedFaceRow
{
    [ColumnName(EmotionPredictionEstimator.ResizedColumn)]
    [ImageType(FaceInputContract.Height, FaceInputContract.Width)]
    public MLImage? Image { get; set; }
}
