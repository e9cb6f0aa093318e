using FerNet.Core;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace FerNet.Inference.Pipeline;

/// <summary>
/// The ML.NET row of the image pipeline: one decoded image going in. The declared 48 x 48 is only
/// schema metadata (ML.NET refuses an image column without a size); images of any size pass, and the
/// pipeline resizes them.
/// </summary>
internal sealed class FaceImageRow
{
    [ColumnName(FacePreprocessing.ImageColumn)]
    [ImageType(FaceInputContract.Height, FaceInputContract.Width)]
    public MLImage? Image { get; set; }
}
