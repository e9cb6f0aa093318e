using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Inference;
using FerNet.Cli.Tests.Prediction;
using FerNet.Cli.Tests.Running;
using FerNet.Testing.Faces;
using FerNet.Testing.Files;
using FerNet.Testing.Models;
using OpenCvSharp;

namespace FerNet.Cli.Tests.FaceAnalysis;

/// <summary>What predict and faces share: --tta flip, counts in the right number, and a warning when predict is given a photo.</summary>
public sealed class CliConsistencyTests(LinearModelFixture linear, CollageFixture collage) : IClassFixture<LinearModelFixture>, IClassFixture<CollageFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Predict_with_tta_flip_prints_the_mirrored_average()
    {
        string face = FaceFiles.Png(_directory.Combine("face.png"), seed: 5);
        EmotionPrediction mirrored = linear.MirroringModel.Predict(face);
        Assert.NotEqual(linear.Model.Predict(face), mirrored);

        PredictCliResult result = PredictCli.Run(face, "--model", linear.ModelPath, "--tta", "flip");

        Assert.Equal(0, result.ExitCode);
        string[] rows = [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(2)];
        Assert.Equal(FerNet.Core.EmotionLabels.Count, rows.Length);
        foreach (string row in rows)
        {
            string[] fields = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            float printed = float.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(FerNet.Core.EmotionLabels.TryParse(fields[0], out FerNet.Core.Emotion emotion), $"No emotion in the row '{row}'.");
            Assert.Equal(mirrored.ProbabilityOf(emotion), printed, 0.0001f);
        }
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("faces")]
    [InlineData("evaluate")]
    public void An_unknown_tta_value_exits_with_two(string verb)
    {
        PredictCliResult result = PredictCli.RunFernet([verb, "--tta", "rotate", _directory.Path, "--out", _directory.Combine("out"), "--data", _directory.Path]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rotate", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Faces_with_tta_flip_scores_each_face_with_the_mirrored_average_and_counts_one_face_in_the_singular()
    {
        using Mat face = FaceCanvas.FerFaces(1, 160)[0];
        using Mat photo = FaceCanvas.Compose(400, 300, [(face, new Point(120, 70))]);
        string path = _directory.Combine("one.png");
        Assert.True(Cv2.ImWrite(path, photo));
        using EmotionModel mirroring = EmotionClassifier.LoadDefault(options: new EmotionModelOptions { TestTimeAugmentation = TestTimeAugmentation.HorizontalFlip });
        using var analyzer = new FaceEmotionAnalyzer(mirroring);
        FaceEmotion expected = Assert.Single(analyzer.Analyze(path));

        PredictCliResult result = FacesCli.Run("faces", path, "--out", _directory.Combine("out"), "--tta", "flip");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"one.png: 1 face: {FaceAnnotator.Label(expected.Prediction)} at ", result.Output, StringComparison.Ordinal);
        Assert.Contains("Found 1 face in 1 of 1 file, skipped 0.", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_warns_when_given_a_photo_of_several_faces_and_not_when_given_a_face_crop()
    {
        string crop = FaceFiles.Png(_directory.Combine("crop.png"), seed: 2);

        PredictCliResult photo = PredictCli.Run(collage.CollagePath);
        PredictCliResult face = PredictCli.Run(crop);

        Assert.Equal(0, photo.ExitCode);
        Assert.Contains("warning: collage.png looks like a photo, not a face crop (the face detector finds ", photo.Errors, StringComparison.Ordinal);
        Assert.Equal(0, face.ExitCode);
        Assert.DoesNotContain("warning", face.Errors, StringComparison.Ordinal);
    }
}
