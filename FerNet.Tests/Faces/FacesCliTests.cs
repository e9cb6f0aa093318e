using FerNet.Tests.TestData;
using OpenCvSharp;

namespace FerNet.Tests.Faces;

/// <summary>The faces and video verbs end to end: annotated photos, results and timeline files, and bad input.</summary>
public sealed class FacesCliTests(VideoFixture video) : IClassFixture<VideoFixture>
{
    [Fact]
    public void FacesAnnotatesEveryPhotoOfAFolderAndWritesOneRowPerFace()
    {
        using var folder = new TemporaryDirectory();
        string photos = folder.Combine("photos");
        Directory.CreateDirectory(photos);
        Mat[] faces = FaceCanvas.FerFaces(3);
        using (Mat two = FaceCanvas.Compose(480, 320, [(faces[0], new Point(40, 100)), (faces[1], new Point(280, 100))]))
        using (Mat none = FaceCanvas.Compose(320, 240, []))
        {
            Cv2.ImWrite(Path.Combine(photos, "two.png"), two);
            Cv2.ImWrite(Path.Combine(photos, "none.jpg"), none);
        }

        Array.ForEach(faces, face => face.Dispose());
        string output = folder.Combine("out");

        var result = FacesCli.Run("faces", photos, "--detector", SharedData.YuNetModelPath, "--out", output);

        Assert.True(result.ExitCode == 0, result.Errors);
        Assert.True(File.Exists(Path.Combine(output, "two.faces.png")));
        Assert.True(File.Exists(Path.Combine(output, "none.faces.jpg")));
        string[] rows = File.ReadAllLines(Path.Combine(output, "faces.csv"));
        Assert.Equal("img_name,faces,face,x,y,width,height,confidence,label,angry,disgust,fear,happy,neutral,sad,surprise", rows[0]);
        Assert.Equal(["none.jpg,0,,,,,,,,,,,,,,", "two.png,2,1", "two.png,2,2"], rows[1..].Select(row => row.StartsWith("none", StringComparison.Ordinal) ? row : row[..11]));
        Assert.Contains("two.png: 2 faces", result.Output, StringComparison.Ordinal);
        Assert.Contains("none.jpg: no face", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void FacesRefusesAMissingInputWithExitCodeTwo()
    {
        using var folder = new TemporaryDirectory();
        string missing = folder.Combine("nowhere");

        var result = FacesCli.Run("faces", missing, "--detector", SharedData.YuNetModelPath, "--out", folder.Combine("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: There is no photo or folder at '{missing}'.", result.Errors.Trim());
        Assert.False(Directory.Exists(folder.Combine("out")));
    }

    [Fact]
    public void FacesRefusesAMissingDetectorWithWhereToGetIt()
    {
        using var folder = new TemporaryDirectory();
        string photo = folder.Combine("blank.png");
        using (var blank = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(200)))
        {
            Cv2.ImWrite(photo, blank);
        }

        var result = FacesCli.Run("faces", photo, "--detector", folder.Combine("yunet.onnx"), "--out", folder.Combine("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: Face detector model", result.Errors, StringComparison.Ordinal);
        Assert.Contains("github.com/opencv/opencv_zoo", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void VideoWritesATimelineWithARowPerFaceOrEmptyFrame()
    {
        using var folder = new TemporaryDirectory();

        var result = FacesCli.Run("video", video.VideoPath, "--detector", SharedData.YuNetModelPath, "--out", folder.Path, "--every", "2", "--annotated-video");

        Assert.True(result.ExitCode == 0, result.Errors);
        string[] rows = File.ReadAllLines(folder.Combine("timeline.csv"));
        Assert.StartsWith("frame,time_s,faces,face,", rows[0], StringComparison.Ordinal);
        Assert.Equal(["0,0,0", "2,0.2,3", "2,0.2,3", "2,0.2,3", "4,0.4,0", "6,0.6,3", "6,0.6,3", "6,0.6,3", "8,0.8,0"], rows[1..].Select(row => string.Join(",", row.Split(',')[..3])));
        Assert.True(File.Exists(folder.Combine("timeline.json")));
        Assert.True(File.Exists(folder.Combine("annotated.mp4")));
    }

    [Fact]
    public void VideoRefusesACorruptFileWithExitCodeTwo()
    {
        using var folder = new TemporaryDirectory();
        string corrupt = folder.Combine("clip.mp4");
        File.WriteAllText(corrupt, "this is not a video");

        var result = FacesCli.Run("video", corrupt, "--detector", SharedData.YuNetModelPath, "--out", folder.Combine("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: Video file '{corrupt}'", result.Errors, StringComparison.Ordinal);
    }
}
