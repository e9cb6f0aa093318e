using FerNet.Core;

namespace FerNet.Inference.Pipeline;

/// <summary>Left-right mirroring of preprocessed 48 x 48 faces, the view <see cref="TestTimeAugmentation.HorizontalFlip"/> adds.</summary>
internal static class FaceMirror
{
    /// <summary>Reverses every 48-pixel row of the faces stored back to back in <paramref name="faces"/>.</summary>
    public static void MirrorInPlace(Span<float> faces)
    {
        for (int row = 0; row + FaceInputContract.Width <= faces.Length; row += FaceInputContract.Width)
        {
            faces.Slice(row, FaceInputContract.Width).Reverse();
        }
    }
}
