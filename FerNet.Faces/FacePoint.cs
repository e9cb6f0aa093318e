namespace FerNet.Faces;

/// <summary>A point in image pixels, measured from the image's top-left corner (y grows downwards).</summary>
/// <param name="X">The distance from the left edge.</param>
/// <param name="Y">The distance from the top edge.</param>
public readonly record struct FacePoint(float X, float Y);
