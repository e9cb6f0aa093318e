using System.Globalization;
using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Testing.Data;
using FerNet.Testing.Faces;
using OpenCvSharp;
using Xunit.Abstractions;

namespace FerNet.Faces.Tests.Detection;

/// <summary>
/// <see cref="YuNetFaceDetector"/> (ONNX Runtime) finds what OpenCV's own <c>FaceDetectorYN</c>
/// finds with the same YuNet file and thresholds: the same faces, boxes within 1 pixel, scores
/// within 1e-3 and landmarks within 1 pixel, on photos whose sides are and are not multiples of 32.
/// </summary>
public sealed class YuNetParityTests(CollageFixture collage, ITestOutputHelper output) : IClassFixture<CollageFixture>
{
    private const float ScoreTolerance = 1e-3f;
    private const float PixelTolerance = 1f;

    [Fact]
    public void OnnxRuntimeYuNetMatchesOpenCvsFaceDetectorYN()
    {
        using var detector = new YuNetFaceDetector(SharedData.YuNetModelPath);
        (string Name, Mat Photo)[] photos = [("collage 960x540", collage.Collage.Clone()), .. Photos()];
        int faces = 0;
        (float Box, float Score, float Landmark) worst = (0, 0, 0);
        foreach ((string name, Mat photo) in photos)
        {
            using (photo)
            {
                float[][] expected = OpenCvFaces(photo);
                IReadOnlyList<FaceDetection> found = detector.Detect(photo);
                Assert.True(expected.Length > 0, $"OpenCV found no face in the {name} photo.");
                Assert.Equal(expected.Length, found.Count);
                foreach (float[] row in expected)
                {
                    var box = new FaceBox((int)Math.Round(row[0]), (int)Math.Round(row[1]), (int)Math.Round(row[2]), (int)Math.Round(row[3]));
                    FaceDetection match = found.MaxBy(face => face.Box.IntersectionOverUnion(box));
                    float boxDifference = new[] { match.Box.X - row[0], match.Box.Y - row[1], match.Box.Width - row[2], match.Box.Height - row[3] }.Max(Math.Abs);
                    float scoreDifference = Math.Abs(match.Confidence - row[14]);
                    FacePoint[] points = [match.Landmarks!.Value.RightEye, match.Landmarks.Value.LeftEye, match.Landmarks.Value.NoseTip, match.Landmarks.Value.RightMouthCorner, match.Landmarks.Value.LeftMouthCorner];
                    float landmarkDifference = points.Select((point, i) => Math.Max(Math.Abs(point.X - row[4 + (2 * i)]), Math.Abs(point.Y - row[5 + (2 * i)]))).Max();
                    string face = string.Create(CultureInfo.InvariantCulture, $"the face at ({row[0]:0.0}, {row[1]:0.0}) of the {name} photo");
                    Assert.True(boxDifference <= PixelTolerance, $"Box of {face}: {match.Box} against OpenCV's {string.Join(", ", row[..4])}.");
                    Assert.True(scoreDifference <= ScoreTolerance, $"Score of {face}: {match.Confidence} against OpenCV's {row[14]}.");
                    Assert.True(landmarkDifference <= PixelTolerance, $"Landmarks of {face} differ from OpenCV's by {landmarkDifference} px.");
                    worst = (Math.Max(worst.Box, boxDifference), Math.Max(worst.Score, scoreDifference), Math.Max(worst.Landmark, landmarkDifference));
                    faces++;
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{faces} faces on {photos.Length} photos; largest differences from OpenCV: box {worst.Box:0.000} px (OpenCV's box against FerNet's rounded one), score {worst.Score:E2}, landmark {worst.Landmark:E2} px."));
    }

    // Faces upscaled to odd sizes on canvases whose sides are not multiples of 32, so that the padding counts.
    private static IEnumerable<(string Name, Mat Photo)> Photos()
    {
        (int Width, int Height, int[] Sides)[] layouts = [(517, 301, [150, 130]), (1366, 768, [220, 180, 260, 200]), (333, 611, [140, 170, 97])];
        int first = 0;
        foreach ((int width, int height, int[] sides) in layouts)
        {
            var faces = new List<(Mat Face, Point At)>();
            Mat[] picked = FaceCanvas.FerFaces(first + sides.Length, side: 48)[first..];
            int x = 10;
            for (int i = 0; i < sides.Length; i++)
            {
                Mat face = picked[i].Resize(new Size(sides[i], sides[i]), interpolation: InterpolationFlags.Cubic);
                picked[i].Dispose();
                int across = Math.Min(x, width - sides[i]);
                faces.Add((face, new Point(across, (i * 137) % Math.Max(1, height - sides[i]))));
                x += sides[i] + 11;
                if (x > width)
                {
                    x = 10;
                }
            }

            Mat photo = FaceCanvas.Compose(width, height, faces);
            faces.ForEach(face => face.Face.Dispose());
            first += sides.Length;
            yield return ($"{width}x{height}", photo);
        }
    }

    private static float[][] OpenCvFaces(Mat photo)
    {
        using var detector = FaceDetectorYN.Create(SharedData.YuNetModelPath, string.Empty, photo.Size(), YuNetFaceDetector.DefaultScoreThreshold, YuNetFaceDetector.DefaultNmsThreshold, 5000);
        using var faces = new Mat();
        detector.Detect(photo, faces);
        if (faces.Rows == 0)
        {
            return [];
        }

        faces.GetArray(out float[] values);
        return [.. Enumerable.Range(0, faces.Rows).Select(row => values[(row * 15)..((row + 1) * 15)])];
    }
}
