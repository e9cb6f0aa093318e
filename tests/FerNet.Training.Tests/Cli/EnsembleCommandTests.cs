using System.CommandLine;
using System.Globalization;
using FerNet.Core;
using FerNet.Tooling.Metrics;
using FerNet.Core.Models;
using FerNet.Inference;
using FerNet.Testing.Files;
using FerNet.Testing.Images;
using FerNet.Training.Tests.Export;
using FerNet.Training.Cli;
using FerNet.Training.Data;

namespace FerNet.Training.Tests.Cli;

/// <summary>The `ensemble` verb on generated faces: the scores it records are the ones the written model earns.</summary>
public sealed class EnsembleCommandTests(EnsembleMembersFixture members) : IClassFixture<EnsembleMembersFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_recorded_scores_and_reports_are_the_written_models_own()
    {
        string root = _directory.Combine("fer2013");
        GeneratedFaceFolder.Write(root, "train", count: 70, firstSeed: 900);
        List<(string Path, Emotion Label)> testFaces = GeneratedFaceFolder.Write(root, "test", count: 28, firstSeed: 1000);
        string output = _directory.Combine("ensemble.onnx");
        string reports = _directory.Combine("reports");

        int exitCode = Ensemble("--model", members.Paths[0], "--model", members.Paths[1], "--out", output, "--data", root, "--seed", "3", "--val-fraction", "0.2", "--reports", reports);

        using EmotionModel written = EmotionClassifier.Load(output);
        FaceDataset train = Fer2013.Load(root, Fer2013Split.Train);
        FaceDataset heldOut = train.Select(StratifiedSplit.Split(train, 0.2, 3).Validation);
        ClassificationReport validation = ClassificationReport.FromPredictions(
            heldOut.Labels.ToArray(), [.. heldOut.Sources!.Select(path => written.Predict(path).Emotion)]);
        ClassificationReport test = ClassificationReport.FromPredictions(
            [.. testFaces.Select(f => f.Label)], [.. testFaces.Select(f => written.Predict(f.Path).Emotion)]);
        Assert.Equal(0, exitCode);
        Assert.Equal(validation.Accuracy, double.Parse(written.Metadata[ModelMetadataKeys.ValidationAccuracy], CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal(test.Accuracy, double.Parse(written.Metadata[ModelMetadataKeys.TestAccuracy], CultureInfo.InvariantCulture), 1e-12);
        Assert.Contains("seed 3", written.Metadata[ModelMetadataKeys.TrainingData], StringComparison.Ordinal);
        Assert.Contains("fer-vgg ensemble member", written.Metadata[ModelMetadataKeys.TrainingData], StringComparison.Ordinal);
        Assert.Equal(test.ConfusionMatrix.ToArray(), ClassificationReport.FromJson(File.ReadAllText(Path.Combine(reports, "test-report.json"))).ConfusionMatrix.ToArray());
        Assert.Equal(validation.ConfusionMatrix.ToArray(), ClassificationReport.FromJson(File.ReadAllText(Path.Combine(reports, "validation.json"))).ConfusionMatrix.ToArray());
        Assert.True(new FileInfo(Path.Combine(reports, "confusion-normalised.png")).Length > 1000);
    }

    [Fact]
    public void Validation_only_leaves_the_test_split_unscored()
    {
        string root = _directory.Combine("fer2013");
        GeneratedFaceFolder.Write(root, "train", count: 28, firstSeed: 1200);
        GeneratedFaceFolder.Write(root, "test", count: 14, firstSeed: 1300);
        string output = _directory.Combine("candidate.onnx");
        string reports = _directory.Combine("candidate-reports");

        int exitCode = Ensemble("--model", members.Paths[0], "--model", members.Paths[1], "--out", output, "--data", root, "--validation-only", "--reports", reports);

        using EmotionModel written = EmotionClassifier.Load(output);
        Assert.Equal(0, exitCode);
        Assert.True(written.Metadata.ContainsKey(ModelMetadataKeys.ValidationAccuracy));
        Assert.False(written.Metadata.ContainsKey(ModelMetadataKeys.TestAccuracy));
        Assert.True(File.Exists(Path.Combine(reports, "validation.json")));
        Assert.False(File.Exists(Path.Combine(reports, "test-report.json")));
    }

    [Fact]
    public void Leave_out_drops_the_named_single_model_and_the_metadata_says_so()
    {
        string root = _directory.Combine("fer2013");
        GeneratedFaceFolder.Write(root, "train", count: 14, firstSeed: 1400);
        string trio = _directory.Combine("trio.onnx");
        string pair = _directory.Combine("pair.onnx");

        Assert.Equal(0, Ensemble("--model", members.Paths[0], "--model", members.Paths[1], "--model", members.Paths[0], "--out", trio, "--data", root, "--validation-only"));
        int exitCode = Ensemble("--model", trio, "--leave-out", "0", "--out", pair, "--data", root, "--validation-only");

        using EmotionModel written = EmotionClassifier.Load(pair);
        Assert.Equal(0, exitCode);
        Assert.Equal("ensemble(seed-cnn,fer-vgg)", written.Metadata[ModelMetadataKeys.Architecture]);
        Assert.EndsWith("; single models 0 of these left out", written.Metadata[ModelMetadataKeys.TrainingData], StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_member_leaves_no_model_behind()
    {
        string root = _directory.Combine("fer2013");
        GeneratedFaceFolder.Write(root, "train", count: 14, firstSeed: 1100);
        string broken = _directory.Combine("broken.onnx");
        File.WriteAllText(broken, "not a model");
        string output = _directory.Combine("ensemble.onnx");

        InvalidModelException error = Assert.Throws<InvalidModelException>(() => Ensemble("--model", members.Paths[0], "--model", broken, "--out", output, "--data", root));

        Assert.Contains(broken, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private static int Ensemble(params string[] arguments) =>
        new RootCommand { EnsembleCommand.Create() }
            .Parse(["ensemble", .. arguments])
            .Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = TextWriter.Null, Error = TextWriter.Null });
}
