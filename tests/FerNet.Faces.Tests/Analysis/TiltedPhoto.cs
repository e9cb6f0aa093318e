using OpenCvSharp;
using FerNet.Testing.Faces;

namespace FerNet.Faces.Tests.Analysis;

/// <summary>A FER2013 test face upscaled and pasted in the middle of a plain canvas, the canvas turned about the face's centre.</summary>
internal static class TiltedPhoto
{
    public const int FaceSide = 180;
    public const int Side = 2 * FaceSide;

    /// <summary>The photo of <paramref name="face"/> (BGR, <see cref="FaceSide"/> pixels) tilted by <paramref name="degrees"/>, clockwise as the image shows it.</summary>
    public static Mat Make(Mat face, double degrees)
    {
        using Mat upright = FaceCanvas.Compose(Side, Side, [(face, new Point((Side - FaceSide) / 2, (Side - FaceSide) / 2))]);
        using Mat rotation = Cv2.GetRotationMatrix2D(new Point2f(Side / 2f, Side / 2f), -degrees, 1.0);
        var tilted = new Mat();
        Cv2.WarpAffine(upright, tilted, rotation, upright.Size(), InterpolationFlags.Linear, BorderTypes.Constant, FaceCanvas.Background);
        return tilted;
    }
}
