using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Testing.Data;
using FerNet.Testing.Files;
using OpenCvSharp;

namespace FerNet.Testing.Faces;

/// <summary>
/// A nine-frame 640 x 360 MPEG-4 video at 10 frames per second, written at test time, whose frames
/// hold 0, 1 or 3 FER2013 faces (<see cref="FaceCounts"/>), and the analyzer that reads it.
/// </summary>
public sealed class VideoFixture : IDisposable
{
    public const double FramesPerSecond = 10;

    private readonly TemporaryDirectory _folder = new();

    public VideoFixture()
    {
        Mat[] faces = FaceCanvas.FerFaces(3);
        Point[] places = [new(60, 110), new(260, 110), new(460, 110)];
        VideoPath = _folder.Combine("faces.mp4");
        using (var writer = new VideoWriter(VideoPath, FourCC.FromString("mp4v"), FramesPerSecond, new Size(640, 360)))
        {
            Assert.True(writer.IsOpened(), "OpenCV could not open an mp4v writer.");
            foreach (int count in FaceCounts)
            {
                using Mat frame = FaceCanvas.Compose(640, 360, faces.Take(count).Select((face, i) => (face, places[i])));
                writer.Write(frame);
            }
        }

        Array.ForEach(faces, face => face.Dispose());
        Analyzer = new FaceEmotionAnalyzer(SharedData.YuNetModelPath);
    }

    /// <summary>How many faces each frame holds.</summary>
    public static IReadOnlyList<int> FaceCounts { get; } = [0, 1, 3, 1, 0, 3, 3, 1, 0];

    public string VideoPath { get; }

    public FaceEmotionAnalyzer Analyzer { get; }

    /// <summary>A path in this fixture's temporary folder.</summary>
    public string Combine(string name) => _folder.Combine(name);

    public void Dispose()
    {
        Analyzer.Dispose();
        _folder.Dispose();
    }
}
