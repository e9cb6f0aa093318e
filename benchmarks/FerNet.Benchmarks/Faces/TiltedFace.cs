using FerNet.Core;
using OpenCvSharp;

namespace FerNet.Benchmarks.Faces;

/// <summary>
/// One generated photo of the alignment evaluation: a FER2013 test face upscaled (YuNet does not
/// find faces of 48 pixels), pasted on a larger plain canvas off its centre, and the whole canvas
/// turned about the face's centre, so that the face stands tilted in the photo as a head leaning
/// to one side does.
/// </summary>
/// <param name="Photo">The BGR photo; the caller disposes it.</param>
/// <param name="Label">The face's emotion, from its FER2013 folder.</param>
/// <param name="Centre">Where the face's centre lies in the photo.</param>
/// <param name="Tilt">How far the face is turned, in degrees, positive clockwise as the photo shows it (the eye-line angle an ideal detector reports).</param>
internal sealed record TiltedFace(Mat Photo, Emotion Label, Point2f Centre, double Tilt)
{
    private static readonly Scalar Background = new(200, 200, 200);

    /// <summary>Makes the photo of the face at <paramref name="facePath"/>; <paramref name="random"/> draws the size, place and tilt.</summary>
    /// <param name="facePath">A FER2013 face file.</param>
    /// <param name="label">Its emotion.</param>
    /// <param name="maxTilt">Tilts are drawn uniformly from [-maxTilt, maxTilt] degrees.</param>
    /// <param name="random">The seeded source of every draw.</param>
    public static TiltedFace Generate(string facePath, Emotion label, double maxTilt, Random random)
    {
        int side = random.Next(150, 201);
        int canvas = side * 2;
        var centre = new Point2f(canvas / 2f + random.Next(-side / 4, (side / 4) + 1), canvas / 2f + random.Next(-side / 4, (side / 4) + 1));
        double tilt = ((random.NextDouble() * 2) - 1) * maxTilt;

        using Mat gray = Cv2.ImRead(facePath, ImreadModes.Grayscale);
        using Mat large = gray.Resize(new Size(side, side), interpolation: InterpolationFlags.Cubic);
        using var upright = new Mat(canvas, canvas, MatType.CV_8UC3, Background);
        using (var target = new Mat(upright, new Rect((int)centre.X - (side / 2), (int)centre.Y - (side / 2), side, side)))
        {
            Cv2.CvtColor(large, target, ColorConversionCodes.GRAY2BGR);
        }

        // OpenCV turns positive angles anticlockwise, so a clockwise tilt is a negative angle.
        using Mat rotation = Cv2.GetRotationMatrix2D(centre, -tilt, 1.0);
        var photo = new Mat();
        Cv2.WarpAffine(upright, photo, rotation, upright.Size(), InterpolationFlags.Linear, BorderTypes.Constant, Background);
        return new TiltedFace(photo, label, centre, tilt);
    }
}
