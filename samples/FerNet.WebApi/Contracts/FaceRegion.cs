using FerNet.Faces;

namespace FerNet.WebApi.Contracts;

/// <summary>Where a face is, in image pixels from the top-left corner, as deepface's "region" gives it; it may reach past the image's edges.</summary>
/// <param name="X">The left edge.</param>
/// <param name="Y">The top edge.</param>
/// <param name="W">The width.</param>
/// <param name="H">The height.</param>
public sealed record FaceRegion(int X, int Y, int W, int H)
{
    /// <summary>The region of a detector's box.</summary>
    public static FaceRegion From(FaceBox box) => new(box.X, box.Y, box.Width, box.Height);
}
