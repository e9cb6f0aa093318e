using FerNet.Cli.Tests.Running;
using FerNet.Testing.Data;
using FerNet.Testing.Faces;
using FerNet.Testing.Files;
using OpenCvSharp;

namespace FerNet.Cli.Tests.FaceAnalysis;

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
    public void FacesDetectsOnAShrunkCopyWhenAskedAndRefusesANegativeSide()
    {
        using var folder = new TemporaryDirectory();
        string photo = WriteTwoFacePhoto(folder.Combine("two.png"));

        var full = FacesCli.Run("faces", photo, "--detector", SharedData.YuNetModelPath, "--out", folder.Combine("full"));
        var shrunk = FacesCli.Run("faces", photo, "--detector", SharedData.YuNetModelPath, "--out", folder.Combine("shrunk"), "--detection-side", "240");
        var negative = FacesCli.Run("faces", photo, "--detector", SharedData.YuNetModelPath, "--out", folder.Combine("never"), "--detection-side", "-5");

        Assert.True(full.ExitCode == 0 && shrunk.ExitCode == 0, full.Errors + shrunk.Errors);
        int[][] Boxes(string run) => [.. File.ReadAllLines(folder.Combine(run, "faces.csv")).Skip(1).Select(row => row.Split(',')[3..7].Select(int.Parse).ToArray())];
        int[][] fullBoxes = Boxes("full");
        int[][] shrunkBoxes = Boxes("shrunk");
        Assert.Equal(2, fullBoxes.Length);
        Assert.Equal(fullBoxes.Length, shrunkBoxes.Length);
        Assert.All(fullBoxes.Zip(shrunkBoxes), pair => Assert.All(pair.First.Zip(pair.Second), value => Assert.InRange(value.Second, value.First - 12, value.First + 12)));
        Assert.Equal(2, negative.ExitCode);
        Assert.Contains("--detection-side", negative.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("never")));
    }

    [Fact]
    public void FacesWithoutADetectorFindsWhatTheSharedYuNetFileFinds()
    {
        using var folder = new TemporaryDirectory();
        string photo = WriteTwoFacePhoto(folder.Combine("two.png"));

        var bundled = FacesCli.Run("faces", photo, "--out", folder.Combine("bundled"));
        var shared = FacesCli.Run("faces", photo, "--detector", SharedData.YuNetModelPath, "--out", folder.Combine("shared"));

        Assert.True(bundled.ExitCode == 0 && shared.ExitCode == 0, bundled.Errors + shared.Errors);
        Assert.Contains("two.png: 2 faces", bundled.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllLines(folder.Combine("shared", "faces.csv")), File.ReadAllLines(folder.Combine("bundled", "faces.csv")));
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

    /// <summary>Writes a 480 x 320 PNG with two FER2013 faces side by side; returns its path.</summary>
    private static string WriteTwoFacePhoto(string path)
    {
        Mat[] faces = FaceCanvas.FerFaces(2);
        using (Mat two = FaceCanvas.Compose(480, 320, [(faces[0], new Point(40, 100)), (faces[1], new Point(280, 100))]))
        {
            Cv2.ImWrite(path, two);
        }

        Array.ForEach(faces, face => face.Dispose());
        return path;
    }
}
