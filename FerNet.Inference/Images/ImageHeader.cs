namespace FerNet.Inference.Images;

/// <summary>What an encoded image's header says before any pixel is decoded.</summary>
/// <param name="Format">The format name, such as "JPEG".</param>
/// <param name="Width">The claimed width in pixels.</param>
/// <param name="Height">The claimed height in pixels.</param>
internal readonly record struct ImageHeader(string Format, long Width, long Height)
{
    public long PixelCount => Width * Height;
}
