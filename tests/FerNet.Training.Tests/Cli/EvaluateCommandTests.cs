using System.CommandLine;
using FerNet.Core;
using FerNet.Tooling.Metrics;
using FerNet.Inference;
using FerNet.Testing.Files;
using FerNet.Testing.Images;
using FerNet.Testing.Models;
using FerNet.Training.Cli;
using FerNet.Training.Data;

namespace FerNet.Training.Tests.Cli;

/// <summary>The `evaluate` verb on a small generated test split, checked against the library's own predictions.</summary>
public sealed class EvaluateCommandTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("none")]
    [InlineData("flip")]
    public void The_json_report_counts_what_the_library_predicts(string augmentation)
    {
        (string root, List<(string Path, Emotion Label)> faces) = WriteTestSplit();
        string json = _directory.Combine($"report-{augmentation}.json");

        int exitCode = Evaluate("--model", fixture.ModelPath, "--data", root, "--json", json, "--tta", augmentation);

        EmotionModel model = augmentation == "flip" ? fixture.MirroringModel : fixture.Model;
        Emotion[] truth = [.. faces.Select(face => face.Label)];
        Emotion[] predicted = [.. faces.Select(face => model.Predict(face.Path).Emotion)];
        ClassificationReport expected = ClassificationReport.FromPredictions(truth, predicted);
        ClassificationReport written = ClassificationReport.FromJson(File.ReadAllText(json));
        Assert.Equal(0, exitCode);
        Assert.Equal(expected.ConfusionMatrix.ToArray(), written.ConfusionMatrix.ToArray());
        Assert.Equal(expected.MacroF1, written.MacroF1, 1e-9);
    }

    [Fact]
    public void The_validation_split_is_the_one_training_held_out()
    {
        (string root, _) = WriteTestSplit();
        GeneratedFaceFolder.Write(root, "train", count: 70, firstSeed: 700);
        string json = _directory.Combine("validation.json");

        int exitCode = Evaluate("--model", fixture.ModelPath, "--data", root, "--split", "validation", "--seed", "3", "--val-fraction", "0.2", "--json", json);

        FaceDataset train = Fer2013.Load(DataLocation.Require(root), Fer2013Split.Train);
        FaceDataset heldOut = train.Select(StratifiedSplit.Split(train, 0.2, 3).Validation);
        Emotion[] truth = heldOut.Labels.ToArray();
        Emotion[] predicted = [.. heldOut.Sources!.Select(path => fixture.Model.Predict(path).Emotion)];
        ClassificationReport expected = ClassificationReport.FromPredictions(truth, predicted);
        ClassificationReport written = ClassificationReport.FromJson(File.ReadAllText(json));
        Assert.Equal(0, exitCode);
        Assert.Equal(14, heldOut.Count);
        Assert.Equal(expected.ConfusionMatrix.ToArray(), written.ConfusionMatrix.ToArray());
    }

    [Fact]
    public void An_unknown_augmentation_is_named()
    {
        (string root, _) = WriteTestSplit();

        ArgumentException error = Assert.Throws<ArgumentException>(() => Evaluate("--model", fixture.ModelPath, "--data", root, "--tta", "crops"));

        Assert.Contains("'crops'", error.Message, StringComparison.Ordinal);
    }

    private static int Evaluate(params string[] arguments) =>
        new RootCommand { EvaluateCommand.Create() }
            .Parse(["evaluate", .. arguments])
            .Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = TextWriter.Null, Error = TextWriter.Null });

    private (string Root, List<(string Path, Emotion Label)> Faces) WriteTestSplit()
    {
        string root = _directory.Combine("fer2013");
        List<(string, Emotion)> faces = GeneratedFaceFolder.Write(root, "test", count: 28, firstSeed: 500);
        Directory.CreateDirectory(Path.Combine(root, "train"));
        return (root, faces);
    }
}
