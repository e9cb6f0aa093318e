using System.CommandLine;
using FerNet.Core;
using FerNet.Tooling.Metrics;
using FerNet.Inference;
using FerNet.Testing.Files;
using FerNet.Training.Tests.Checkpoints;
using FerNet.Training.Tests.Data;
using FerNet.Training.Checkpoints;
using FerNet.Training.Cli;
using FerNet.Training.Data;
using FerNet.Training.Reports;
using FerNet.Training.Runs;

namespace FerNet.Training.Tests.Cli;

/// <summary>The `train` verb end to end on a small generated FER2013 folder: train, report, export.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void TrainingRunWritesReportsPicturesAndAnOnnxModelThatLoads()
    {
        string data = GeneratedFer2013(seed: 11);
        string output = _directory.Combine("run");

        int exitCode = TrainCommand.Create().Parse(["--data", data, "--out", output, "--epochs", "2", "--batch-size", "16", "--val-fraction", "0.25", "--threads", "2"]).Invoke();

        Assert.Equal(0, exitCode);
        foreach (string file in new[] { "best.ckpt", "last.ckpt", "history.json", "test-report.txt", "test-report.json", "confusion-counts.png", "confusion-normalised.png", "training-curves.png", "class-distribution.png", "model.onnx" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} is missing");
        }

        ClassificationReport report = ClassificationReport.FromJson(File.ReadAllText(Path.Combine(output, "test-report.json")));
        Assert.Equal(3 * EmotionLabels.Count, report.Support);
        using EmotionModel model = EmotionClassifier.Load(Path.Combine(output, "model.onnx"));
        Assert.Equal("fer-vgg", model.Metadata[Core.Models.ModelMetadataKeys.Architecture]);
    }

    [Fact]
    public void ExportOfAnUnfinishedRunWritesItsReportsAndClassDistribution()
    {
        string data = GeneratedFer2013(seed: 13);
        string run = _directory.Combine("run");
        int trained = TrainCommand.Create().Parse(["--data", data, "--out", run, "--recipe", "seed", "--balance", "20", "--epochs", "3", "--max-epochs-now", "1", "--batch-size", "16", "--val-fraction", "0.25"]).Invoke();
        Assert.Equal(0, trained);
        Assert.False(File.Exists(Path.Combine(run, "test-report.json")), "an unfinished run wrote its final reports");
        string reports = _directory.Combine("reports");
        string onnx = _directory.Combine("seed.onnx");

        int exported = ExportCommand.Create().Parse(["--checkpoint", Path.Combine(run, "best.ckpt"), "--out", onnx, "--data", data, "--reports", reports]).Invoke();

        Assert.Equal(0, exported);
        foreach (string file in new[] { "test-report.txt", "test-report.json", "confusion-counts.png", "confusion-normalised.png", "training-curves.png", "class-distribution.png" })
        {
            Assert.True(File.Exists(Path.Combine(reports, file)), $"{file} is missing");
        }

        Assert.True(File.Exists(onnx));
        ClassCounts counts = TrainingCheckpoint.ReadHeader(Path.Combine(run, "best.ckpt")).ClassCounts!;
        Assert.All(counts.Before, count => Assert.Equal(9, count));
        Assert.All(counts.After, count => Assert.Equal(20, count));
    }

    [Fact]
    public void ExportWithoutReportsWritesOnlyTheModelWithItsTestAccuracy()
    {
        string data = GeneratedFer2013(seed: 17);
        string run = _directory.Combine("run");
        TrainFirstEpoch(data, run);
        string exports = _directory.Combine("exports");
        string onnx = Path.Combine(exports, "fer-vgg.onnx");

        int exported = ExportCommand.Create().Parse(["--checkpoint", Path.Combine(run, "best.ckpt"), "--out", onnx, "--data", data]).Invoke();

        Assert.Equal(0, exported);
        Assert.Equal([onnx], Directory.GetFiles(exports));
        using EmotionModel model = EmotionClassifier.Load(onnx);
        double accuracy = double.Parse(model.Metadata[Core.Models.ModelMetadataKeys.TestAccuracy], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0, 1);
    }

    [Fact]
    public void ReportsOfACheckpointWithoutClassCountsLeaveOutOnlyTheClassDistribution()
    {
        string data = GeneratedFer2013(seed: 19);
        string run = _directory.Combine("run");
        TrainFirstEpoch(data, run);
        string best = Path.Combine(run, "best.ckpt");
        string withoutCounts = _directory.Combine("without-counts.ckpt");
        var header = System.Text.Json.Nodes.JsonNode.Parse(CheckpointHeaderFile.Read(best))!.AsObject();
        Assert.True(header.Remove("ClassCounts"));
        CheckpointHeaderFile.WriteWithHeader(best, withoutCounts, header.ToJsonString());
        string reports = _directory.Combine("reports");
        var log = new StringWriter();

        RunReportWriter.Write(withoutCounts, Fer2013.Load(data, Fer2013Split.PublicTest), reports, _directory.Combine("model.onnx"), log);

        foreach (string file in new[] { "test-report.txt", "test-report.json", "confusion-counts.png", "confusion-normalised.png", "training-curves.png" })
        {
            Assert.True(File.Exists(Path.Combine(reports, file)), $"{file} is missing");
        }

        Assert.True(File.Exists(_directory.Combine("model.onnx")));
        Assert.False(File.Exists(Path.Combine(reports, "class-distribution.png")));
        Assert.Contains($"No class-distribution.png: checkpoint '{withoutCounts}' does not record its training images per class.", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheTrainingCurvesShowTheWholeRunsHistoryWhereTheBestCheckpointIsAnEarlierEpoch()
    {
        string data = GeneratedFer2013(seed: 31);
        string run = _directory.Combine("run");
        TrainFirstEpoch(data, run);
        string best = Path.Combine(run, Trainer.BestCheckpointName);
        IReadOnlyList<EpochRecord> bestHistory = TrainingCheckpoint.ReadHeader(best).History;
        EpochRecord[] runHistory = [.. bestHistory, bestHistory[0] with { Epoch = 2, ValidationAccuracy = bestHistory[0].ValidationAccuracy / 2 }];
        string expected = _directory.Combine("expected-curves.png");
        TrainingCurvesChart.Write(runHistory, "fer-vgg: training history", expected);
        string reports = _directory.Combine("reports");

        RunReportWriter.Write(best, test: null, reports, _directory.Combine("model.onnx"), TextWriter.Null, runHistory);

        Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(Path.Combine(reports, "training-curves.png")));
    }

    [Fact]
    public void AnUnknownPrecisionIsNamedBeforeAnyWork()
    {
        string output = _directory.Combine("never");

        var error = Assert.Throws<ArgumentException>(() => TrainCommand.Create().Parse(["--data", _directory.Path, "--out", output, "--precision", "float16"]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));

        Assert.Equal("Unknown precision 'float16': use float32 or bfloat16.", error.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void MissingDataIsNamedBeforeAnyWork()
    {
        string output = _directory.Combine("never");

        var error = Assert.Throws<DirectoryNotFoundException>(() => TrainCommand.Create().Parse(["--data", _directory.Combine("nowhere"), "--out", output]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));

        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void TrainingWithoutResumeIntoAFolderThatHoldsARunIsRefusedBeforeAnyWork()
    {
        string data = GeneratedFer2013(seed: 17);
        string run = _directory.Combine("run");
        TrainFirstEpoch(data, run);
        byte[] last = File.ReadAllBytes(Path.Combine(run, Trainer.LastCheckpointName));
        byte[] history = File.ReadAllBytes(Path.Combine(run, "history.json"));

        var error = Assert.Throws<ArgumentException>(() => TrainCommand.Create().Parse(["--data", data, "--out", run, "--epochs", "2", "--batch-size", "16", "--val-fraction", "0.25", "--threads", "1"]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));

        Assert.Equal($"'{run}' already holds a run (last.ckpt): continue it with --resume, or start over with --overwrite.", error.Message);
        Assert.Equal(last, File.ReadAllBytes(Path.Combine(run, Trainer.LastCheckpointName)));
        Assert.Equal(history, File.ReadAllBytes(Path.Combine(run, "history.json")));
    }

    [Fact]
    public void OverwriteStartsANewRunInAFolderThatHoldsOne()
    {
        string data = GeneratedFer2013(seed: 19);
        string run = _directory.Combine("run");
        TrainFirstEpoch(data, run);
        File.WriteAllText(Path.Combine(run, "history.json"), "[]");

        int exitCode = TrainCommand.Create().Parse(["--data", data, "--out", run, "--overwrite", "--epochs", "3", "--max-epochs-now", "1", "--batch-size", "16", "--val-fraction", "0.25", "--threads", "1"]).Invoke();

        Assert.Equal(0, exitCode);
        CheckpointHeader header = TrainingCheckpoint.ReadHeader(Path.Combine(run, Trainer.LastCheckpointName));
        Assert.Equal(3, header.Options.Epochs);
        Assert.Equal(1, header.EpochsCompleted);
        Assert.Contains("\"Epoch\": 1", File.ReadAllText(Path.Combine(run, "history.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void ACallStoppedByItsTimeBudgetSaysHowToContinueAndTheStateFinishesTheRunInAFreshFolder()
    {
        string data = GeneratedFer2013(seed: 23);
        string state = _directory.Combine("committed-state");
        string firstSitting = _directory.Combine("sitting-1");
        TrainingOptions options = TrainingRecipes.FerNet() with { Epochs = 2, BatchSize = 16, ValidationFraction = 0.25, WeightAverageDecay = 0.9 };
        var log = new StringWriter();

        int stopped = TrainCommand.Run(options, data, firstSitting, new TrainingCall(Resume: false, MaxEpochs: null, new TimeBudget(TimeSpan.FromMilliseconds(1)), state), log, CancellationToken.None);

        Assert.Equal(0, stopped);
        Assert.Contains($"Stopped before epoch 2 of 2: it would end past --stop-after", log.ToString(), StringComparison.Ordinal);
        Assert.Contains($"last.ckpt holds epoch 1. Continue with --resume --state {state}.", log.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(firstSitting, RunReportWriter.ModelFileName)));
        string[] common = ["--data", data, "--epochs", "2", "--batch-size", "16", "--val-fraction", "0.25", "--weight-average", "0.9", "--threads", "1", "--state", state];
        var refused = Assert.Throws<ArgumentException>(() => TrainCommand.Create().Parse([.. common, "--out", _directory.Combine("other")]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
        Assert.Equal($"--state '{state}' already holds a run's state (last.ckpt): continue it with --resume, or start over with --overwrite.", refused.Message);
        Directory.Delete(firstSitting, recursive: true);
        string secondSitting = _directory.Combine("sitting-2");

        int finished = TrainCommand.Create().Parse([.. common, "--out", secondSitting, "--resume"]).Invoke();

        Assert.Equal(0, finished);
        Assert.True(File.Exists(Path.Combine(secondSitting, RunReportWriter.ModelFileName)));
        Assert.Equal(2, TrainingCheckpoint.ReadHeader(Path.Combine(state, Trainer.LastCheckpointName)).EpochsCompleted);
    }

    [Fact]
    public void AStopAfterThatIsNoDurationIsNamedBeforeAnyWork()
    {
        string output = _directory.Combine("never");

        var error = Assert.Throws<ArgumentException>(() => TrainCommand.Create().Parse(["--data", _directory.Path, "--out", output, "--stop-after", "140"]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));

        Assert.Equal("--stop-after: '140' is not a duration: write a number with a unit h, m or s, e.g. 140m, 2h, 1h30m or 90s.", error.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void InterruptedDuringTheFirstEpochItSaysThatNothingWasSavedAndAPlainRestartWorks()
    {
        string data = GeneratedFer2013(seed: 29);
        string run = _directory.Combine("run");
        TrainingOptions options = TrainingRecipes.FerNet() with { Epochs = 2, BatchSize = 16, ValidationFraction = 0.25 };
        var log = new StringWriter();
        using var interrupted = new CancellationTokenSource();
        interrupted.Cancel();

        int exitCode = TrainCommand.Run(options, data, run, new TrainingCall(Resume: false, MaxEpochs: null, Budget: null, StateDirectory: null), log, interrupted.Token);

        Assert.Equal(130, exitCode);
        Assert.Contains("Interrupted during epoch 1: no epoch has finished, so nothing was saved and there is nothing to resume; start the run again.", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("--resume", log.ToString(), StringComparison.Ordinal);
        TrainFirstEpoch(data, run);
    }

    /// <summary>Trains the first of two epochs of FerNet's recipe into <paramref name="run"/>.</summary>
    private static void TrainFirstEpoch(string data, string run)
    {
        int trained = TrainCommand.Create().Parse(["--data", data, "--out", run, "--epochs", "2", "--max-epochs-now", "1", "--batch-size", "16", "--val-fraction", "0.25", "--threads", "2"]).Invoke();
        Assert.Equal(0, trained);
    }

    /// <summary>A FER2013 folder of generated faces: 12 training and 3 test images per class.</summary>
    private string GeneratedFer2013(int seed)
    {
        string data = _directory.Combine("fer2013");
        WriteSplit(data, "train", SyntheticFaces.Create(perClass: 12, seed: seed));
        WriteSplit(data, "test", SyntheticFaces.Create(perClass: 3, seed: seed + 1));
        return data;
    }

    private static void WriteSplit(string root, string split, FaceDataset faces)
    {
        for (int i = 0; i < faces.Count; i++)
        {
            string folder = Path.Combine(root, split, EmotionLabels.Name(faces.Label(i)));
            Directory.CreateDirectory(folder);
            SyntheticFer2013.WriteImage(Path.Combine(folder, $"{i}.png"), faces.Image(i).ToArray());
        }
    }
}
