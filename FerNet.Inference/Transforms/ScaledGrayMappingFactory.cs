using FerNet.Core;
using Microsoft.ML.Transforms;

namespace FerNet.Inference.Transforms;

/// <summary>
/// Turns the 48 x 48 colour crop into the model's input: BT.709 luma rounded to a byte, then scaled
/// to [0, 1], exactly as <see cref="EmotionModel"/>'s preprocessing does. Registered by its contract
/// name, so that a saved pipeline finds it again on load.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class ScaledGrayMappingFactory : CustomMappingFactory<ResizedFaceRow, ModelInputRow>
{
    public const string ContractName = "FerNet.Inference.ScaledGray";

    public override Action<ResizedFaceRow, ModelInputRow> GetMapping() => Map;

    public static void Map(ResizedFaceRow source, ModelInputRow destination)
    {
        byte[] bgr = source.Image!.GetBGRPixels;
        var input = new float[FaceInputContract.PixelCount];
        for (int i = 0; i < input.Length; i++)
        {
            byte gray = (byte)((bgr[(3 * i) + 2] * 0.2126f) + (bgr[(3 * i) + 1] * 0.7152f) + (bgr[3 * i] * 0.0722f) + 0.5f);
            input[i] = gray * FaceInputContract.PixelScale;
        }

        destination.Input = input;
    }
}
