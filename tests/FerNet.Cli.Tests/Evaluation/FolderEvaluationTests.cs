using System.CommandLine;
using FerNet.Cli.Commands;
using FerNet.Core;
using FerNet.Tooling.Metrics;
using FerNet.Inference;
using FerNet.Cli.Tests.Running;
using FerNet.Testing.Data;
using FerNet.Testing.Files;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Cli.Tests.Evaluation;

/// <summary>`fernet evaluate` on labelled folders: the report counts what the library predicts; bad folders, models and options end with one error line and exit code 2.</summary>
public sealed class FolderEvaluationTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("none")]
    [InlineData("flip")]
    public void TheReportCountsWhatTheLibraryPredictsForEveryImageUnderItsClassFolder(string augmentation)
    {
        List<(string Path, Emotion Label)> faces = GeneratedFaceFolder.Write(_directory.Path, "labelled", count: 30, firstSeed: 300);
        string json = _directory.Combine($"report-{augmentation}.json");

        PredictCliResult result = PredictCli.RunFernet(["evaluate", "--model", fixture.ModelPath, "--data", _directory.Combine("labelled"), "--json", json, "--tta", augmentation]);

        EmotionModel model = augmentation == "flip" ? fixture.MirroringModel : fixture.Model;
        ClassificationReport expected = ClassificationReport.FromPredictions(
            [.. faces.Select(face => face.Label)],
            [.. faces.Select(face => model.Predict(face.Path).Emotion)]);
        ClassificationReport written = ClassificationReport.FromJson(File.ReadAllText(json));
        Assert.True(result.ExitCode == 0, result.Errors);
        Assert.Equal(expected.ConfusionMatrix.ToArray(), written.ConfusionMatrix.ToArray());
        Assert.Equal(30, written.Support);
        Assert.Contains(expected.ToText(digits: 4), result.Output, StringComparison.Ordinal);
        Assert.Contains("Confusion matrix (rows: true label, columns: predicted):\n" + expected.ConfusionMatrix.ToText(), result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("(30 images", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Int8PrecisionScoresWithTheEmbeddedInt8ModelAndIsRefusedBesideAModelFile()
    {
        List<(string Path, Emotion Label)> faces = GeneratedFaceFolder.Write(_directory.Path, "labelled-int8", count: 14, firstSeed: 700);
        string folder = _directory.Combine("labelled-int8");
        string csv = _directory.Combine("int8.csv");

        PredictCliResult evaluated = PredictCli.RunFernet(["evaluate", "--data", folder, "--precision", "int8"]);
        PredictCliResult predicted = PredictCli.RunFernet(["predict", folder, "--recursive", "--out", csv, "--precision", "int8"]);
        PredictCliResult refused = PredictCli.RunFernet(["evaluate", "--model", fixture.ModelPath, "--data", folder, "--precision", "int8"]);

        Assert.True(evaluated.ExitCode == 0, evaluated.Errors);
        Assert.Contains("The embedded int8 model on ", evaluated.Output, StringComparison.Ordinal);
        Assert.True(predicted.ExitCode == 0, predicted.Errors);
        using EmotionModel int8 = EmotionClassifier.LoadDefault(DefaultModelPrecision.Int8);
        Dictionary<string, float[]> written = File.ReadLines(csv).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(fields => Path.GetFileName(fields[0]), fields => fields[2..].Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        Assert.Equal(faces.Count, written.Count);
        bool differsFromFloat32 = false;
        foreach ((string path, _) in faces)
        {
            float[] expected = [.. int8.Predict(path).Probabilities];
            Assert.Equal(expected, written[Path.GetFileName(path)], (a, b) => Math.Abs(a - b) < 1e-6);
            differsFromFloat32 |= expected.Zip(EmotionClassifier.Predict(path).Probabilities).Any(p => Math.Abs(p.First - p.Second) > 1e-4);
        }

        Assert.True(differsFromFloat32, "the int8 and float32 defaults gave the same probabilities, so the test cannot tell them apart");
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith($"error: --precision int8 chooses the embedded int8 model; '{fixture.ModelPath}' is scored as it is", refused.Errors, StringComparison.Ordinal);
        Assert.Single(refused.Errors.Trim().Split('\n'));
    }

    [Fact]
    public void WithoutAModelTheEmbeddedOneIsScoredOnFer2013Test()
    {
        string test = Path.Combine(SharedData.Fer2013Directory, "test");
        string folder = Directory.CreateDirectory(_directory.Combine("fer-sample")).FullName;
        var expectedTruth = new List<Emotion>();
        var expectedPredicted = new List<Emotion>();
        foreach (Emotion emotion in EmotionLabels.All)
        {
            string target = Directory.CreateDirectory(Path.Combine(folder, EmotionLabels.Name(emotion))).FullName;
            foreach (string image in Directory.GetFiles(Path.Combine(test, EmotionLabels.Name(emotion))).Order(StringComparer.Ordinal).Take(5))
            {
                string copy = Path.Combine(target, Path.GetFileName(image));
                File.Copy(image, copy);
                expectedTruth.Add(emotion);
                expectedPredicted.Add(EmotionClassifier.Predict(copy).Emotion);
            }
        }

        PredictCliResult result = PredictCli.RunFernet(["evaluate", "--data", folder]);

        Assert.True(result.ExitCode == 0, result.Errors);
        string report = ClassificationReport.FromPredictions([.. expectedTruth], [.. expectedPredicted]).ToText(digits: 4);
        Assert.Contains(report, result.Output, StringComparison.Ordinal);
        Assert.StartsWith($"The embedded model on {folder} (35 images):", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACancelledEvaluationWritesNoReportAndExitsWith130()
    {
        // 300 images are two batches; the progress line after the first one cancels.
        GeneratedFaceFolder.Write(_directory.Path, "labelled", count: 300, firstSeed: 1000);
        string json = _directory.Combine("report.json");
        using var cancellation = new CancellationTokenSource();
        using var errors = new CancellingWriter(cancellation, "Scoring");
        using var output = new StringWriter();
        var configuration = new InvocationConfiguration { Output = output, Error = errors, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };

        int exitCode = await FernetCommand.Create()
            .Parse(["evaluate", "--model", fixture.ModelPath, "--data", _directory.Combine("labelled"), "--json", json])
            .InvokeAsync(configuration, cancellation.Token);

        Assert.Equal(130, exitCode);
        Assert.True(cancellation.IsCancellationRequested);
        Assert.Contains("Cancelled; no report was written.", errors.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(json));
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void ASubfolderThatNamesNoEmotionIsRefusedByName()
    {
        GeneratedFaceFolder.Write(_directory.Path, "labelled", count: 7, firstSeed: 1);
        Directory.CreateDirectory(_directory.Combine("labelled", "cats"));

        PredictCliResult result = PredictCli.RunFernet(["evaluate", "--model", fixture.ModelPath, "--data", _directory.Combine("labelled")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"error: Labelled folder '{_directory.Combine("labelled")}' has a subfolder 'cats' that names no emotion; class folders are named angry, disgust, fear, happy, neutral, sad, surprise.",
            result.Errors.Trim());
        Assert.Empty(result.Output);
    }

    [Fact]
    public void AFolderWithoutImagesAMissingFolderAndAFileThatIsNoImageAreRefusedWithOneLine()
    {
        Directory.CreateDirectory(_directory.Combine("empty", "happy"));
        List<(string Path, Emotion Label)> faces = GeneratedFaceFolder.Write(_directory.Path, "broken", count: 7, firstSeed: 1);
        string notAnImage = Path.Combine(Path.GetDirectoryName(faces[3].Path)!, "notes.png");
        File.WriteAllText(notAnImage, "not an image");

        PredictCliResult empty = PredictCli.RunFernet(["evaluate", "--model", fixture.ModelPath, "--data", _directory.Combine("empty")]);
        PredictCliResult missing = PredictCli.RunFernet(["evaluate", "--model", fixture.ModelPath, "--data", _directory.Combine("nowhere")]);
        PredictCliResult broken = PredictCli.RunFernet(["evaluate", "--model", fixture.ModelPath, "--data", _directory.Combine("broken")]);

        Assert.Equal((2, 2, 2), (empty.ExitCode, missing.ExitCode, broken.ExitCode));
        Assert.StartsWith($"error: Labelled folder '{_directory.Combine("empty")}' holds no images", empty.Errors, StringComparison.Ordinal);
        Assert.Equal($"error: Labelled folder '{_directory.Combine("nowhere")}' does not exist.", missing.Errors.Trim());
        Assert.StartsWith("error: ", broken.Errors.Split('\n').Last(line => line.Length > 0), StringComparison.Ordinal);
        Assert.Contains(notAnImage, broken.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingModelAndAnUnknownAugmentationAreRefusedWithOneLine()
    {
        GeneratedFaceFolder.Write(_directory.Path, "labelled", count: 7, firstSeed: 1);
        string model = _directory.Combine("missing.onnx");

        PredictCliResult missing = PredictCli.RunFernet(["evaluate", "--model", model, "--data", _directory.Combine("labelled")]);
        PredictCliResult unknown = PredictCli.RunFernet(["evaluate", "--model", fixture.ModelPath, "--data", _directory.Combine("labelled"), "--tta", "rotate"]);

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal($"error: Model file '{model}' does not exist.", missing.Errors.Trim());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("error: Argument 'rotate' not recognized. Must be one of: 'none' 'flip' (fernet --help lists the verbs and their options.)", unknown.Errors.Trim());
    }
}
