using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Testing.Faces;
using FerNet.Testing.Images;
using OpenCvSharp;

namespace FerNet.Faces.Tests.Images;

/// <summary>
/// A photo stored turned with an EXIF orientation tag, as phone cameras store them, is analysed
/// upright: the faces of the collage are found where they are in the upright picture.
/// </summary>
public sealed class TurnedPhotoTests(CollageFixture collage) : IClassFixture<CollageFixture>
{
    [Theory]
    [InlineData(6, RotateFlags.Rotate90Counterclockwise)]
    [InlineData(3, RotateFlags.Rotate180)]
    [InlineData(8, RotateFlags.Rotate90Clockwise)]
    public void The_faces_of_a_turned_jpeg_are_found_upright(ushort orientation, RotateFlags storedTurn)
    {
        using var turned = new Mat();
        Cv2.Rotate(collage.Collage, turned, storedTurn);
        Cv2.ImEncode(".jpg", turned, out byte[] jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
        FaceBox[] expected = [.. collage.Pasted.Select(FaceCanvas.ExpectedBox)];

        IReadOnlyList<FaceEmotion> found = collage.Analyzer.Analyze(ExifJpeg.WithOrientation(jpeg, orientation));

        int matched = expected.Count(box => found.Any(face => face.Box.IntersectionOverUnion(box) >= 0.5));
        Assert.True(matched >= Math.Ceiling(0.9 * CollageFixture.FaceCount), $"Found {matched} of {CollageFixture.FaceCount} faces upright; boxes: {string.Join(", ", found.Select(face => face.Box))}.");
        Assert.All(found, face => Assert.Contains(expected, box => face.Box.IntersectionOverUnion(box) >= 0.5));
    }
}
