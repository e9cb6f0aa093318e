using FerNet.Core;
using Microsoft.ML.Transforms;

namespace FerNet.Inference.Pipeline;

/// <summary>
/// Turns the 48 x 48 colour crop into the model's input: BT.709 luma rounded to a byte (as ImageSharp's
/// L8 computes it), then scaled to [0, 1]. Registered by its contract name, so that a saved
/// <c>PredictEmotion</c> pipeline finds it again on load.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class ScaledGrayMappingFactory : CustomMappingFactory<ResizedFaceRow, FaceTensorRow>
{
    public const string ContractName = "FerNet.Inference.ScaledGray";

    public override Action<ResizedFaceRow, FaceTensorRow> GetMapping() => Map;

    public static void Map(ResizedFaceRow source, FaceTensorRow destination)
    {
        byte[] bgr = source.Image!.GetBGRPixels;
        var input = new float[FaceInputContract.PixelCount];
        for (int i = 0; i < input.Length; i++)
        {
            byte gray = (byte)((bgr[(3 * i) + 2] * 0.2126f) + (bgr[(3 * i) + 1] * 0.7152f) + (bgr[3 * i] * 0.0722f) + 0.5f);
            input[i] = FacePreprocessing.Scale(gray);
        }

        destination.Input = input;
    }
}
