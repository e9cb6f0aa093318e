namespace FerNet.Faces.Analysis;

/// <summary>
/// The region of an image the classifier is given for a detected face: a square whose side is the
/// mean of the box's width and height times 1.1, centred on the box, clamped to the image. FER2013's
/// faces are tight crops, so the classifier sees a face framed the way it learned from. At an edge
/// the region is the part of the square inside the image and so may be narrower or shorter; the
/// classifier's own preprocessing then centre-crops it to a square, as for any crop it is given.
/// </summary>
internal static class FaceCropRegion
{
    /// <summary>How much larger than the face box the square's side is.</summary>
    public const double Margin = 1.1;

    /// <summary>The region around <paramref name="face"/> in an image of <paramref name="imageWidth"/> x <paramref name="imageHeight"/>; empty when the square lies wholly outside the image.</summary>
    public static FaceBox Around(FaceBox face, int imageWidth, int imageHeight)
    {
        double side = Side(face);
        double left = face.X + (face.Width / 2.0) - (side / 2.0);
        double top = face.Y + (face.Height / 2.0) - (side / 2.0);
        int x0 = Math.Clamp((int)Math.Round(left), 0, imageWidth);
        int y0 = Math.Clamp((int)Math.Round(top), 0, imageHeight);
        int x1 = Math.Clamp((int)Math.Round(left + side), 0, imageWidth);
        int y1 = Math.Clamp((int)Math.Round(top + side), 0, imageHeight);
        return new FaceBox(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>The side of the square around <paramref name="face"/>, before clamping.</summary>
    public static double Side(FaceBox face) => (face.Width + face.Height) / 2.0 * Margin;
}
