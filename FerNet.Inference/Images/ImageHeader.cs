namespace FerNet.Inference.Images;

/// <summary>What an encoded image's header says before any pixel is decoded.</summary>
/// <param name="Format">The format name, such as "JPEG".</param>
/// <param name="Width">The claimed width in pixels.</param>
/// <param name="Height">The claimed height in pixels.</param>
internal readonly record struct ImageHeader(string Format, long Width, long Height)
{
    // Int128: two 32-bit dimensions, as a PNG may claim, multiply past long.MaxValue.
    public Int128 PixelCount => (Int128)Width * Height;
}
