namespace FerNet.Faces;

/// <summary>
/// An axis-aligned rectangle in image pixels: <see cref="X"/> and <see cref="Y"/> are its top-left
/// corner, measured from the image's top-left. A detector's box may reach past the image's edges.
/// </summary>
/// <param name="X">The left edge.</param>
/// <param name="Y">The top edge.</param>
/// <param name="Width">The width in pixels.</param>
/// <param name="Height">The height in pixels.</param>
public readonly record struct FaceBox(int X, int Y, int Width, int Height)
{
    /// <summary>The right edge (exclusive): <see cref="X"/> + <see cref="Width"/>.</summary>
    public int Right => X + Width;

    /// <summary>The bottom edge (exclusive): <see cref="Y"/> + <see cref="Height"/>.</summary>
    public int Bottom => Y + Height;

    /// <summary>The area in pixels; 0 for an empty box.</summary>
    public long Area => Width <= 0 || Height <= 0 ? 0 : (long)Width * Height;

    /// <summary>
    /// Intersection over union with <paramref name="other"/>: the area both boxes cover divided by
    /// the area either covers, from 0 (apart) to 1 (the same box).
    /// </summary>
    internal double IntersectionOverUnion(FaceBox other)
    {
        long overlapWidth = Math.Max(0, Math.Min(Right, other.Right) - Math.Max(X, other.X));
        long overlapHeight = Math.Max(0, Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y));
        long overlap = overlapWidth * overlapHeight;
        long union = Area + other.Area - overlap;
        return union == 0 ? 0 : (double)overlap / union;
    }

    /// <summary>The box as a person reads it, such as "131x131 at (92, 64)": its size, then its top-left corner.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Width}x{Height} at ({X}, {Y})");
}
