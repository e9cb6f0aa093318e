using System.Text.Json;
using FerNet.Core;
using FerNet.Inference;
using FerNet.Cli.Tests.Running;
using FerNet.Testing.Files;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Cli.Tests.Prediction;

public sealed class FolderPredictionTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_folders_csv_equals_the_librarys_answers_for_the_same_files()
    {
        string[] paths = FaceFiles.Pngs(_directory.Combine("faces"), 20);
        string csv = _directory.Combine("out", "results.csv");

        PredictCliResult result = PredictCli.Run(_directory.Combine("faces"), "--model", fixture.ModelPath, "--out", csv);

        Assert.Equal(0, result.ExitCode);
        IReadOnlyList<ResultsCsvRow> rows = ResultsCsv.Parse(File.ReadAllText(csv));
        IReadOnlyList<EmotionPrediction> library = fixture.Model.PredictBatch(paths);
        Assert.Equal(paths.Select(Path.GetFileName), rows.Select(row => row.Name));
        for (int i = 0; i < paths.Length; i++)
        {
            RowAssert.Matches(library[i], rows[i]);
            RowAssert.Matches(fixture.Model.Predict(paths[i]), rows[i], PredictionAssert.Tolerance);
            PredictionAssert.Matches(fixture.Canonical.Expected(TestFaces.TrainingTensor(File.ReadAllBytes(paths[i]))), library[i]);
        }

        Assert.True(rows.Select(row => row.Label).Distinct().Count() > 1, "The test faces should not all get the same label.");
        Assert.Contains("Scored 20 of 20 files, skipped 0.", result.Errors, StringComparison.Ordinal);
        Assert.Contains($"Wrote {csv}.", result.Errors, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Labels_come_back_in_canonical_columns_from_a_model_with_another_output_order()
    {
        string[] paths = FaceFiles.Pngs(_directory.Combine("faces"), 6);
        string model = fixture.WriteFile("shuffled.onnx", fixture.Shuffled.ToOnnx());

        PredictCliResult result = PredictCli.Run(_directory.Combine("faces"), "--model", model);

        Assert.Equal(0, result.ExitCode);
        IReadOnlyList<ResultsCsvRow> rows = ResultsCsv.Parse(result.Output);
        IReadOnlyList<EmotionPrediction> library = fixture.ShuffledModel.PredictBatch(paths);
        for (int i = 0; i < paths.Length; i++)
        {
            RowAssert.Matches(library[i], rows[i]);
        }
    }

    [Fact]
    public void Subfolders_are_scored_only_with_recursive_and_named_by_their_relative_path()
    {
        string root = _directory.Combine("faces");
        FaceFiles.Png(Path.Combine(root, "a.png"), seed: 1);
        string b = FaceFiles.Png(Path.Combine(root, "sub", "b.png"), seed: 2);
        FaceFiles.Png(Path.Combine(root, "sub", "deeper", "c.png"), seed: 3);

        PredictCliResult flat = PredictCli.Run(root, "--model", fixture.ModelPath);
        PredictCliResult recursive = PredictCli.Run(root, "--model", fixture.ModelPath, "--recursive");

        Assert.Equal(["a.png"], ResultsCsv.Parse(flat.Output).Select(row => row.Name));
        IReadOnlyList<ResultsCsvRow> rows = ResultsCsv.Parse(recursive.Output);
        Assert.Equal(["a.png", "sub/b.png", "sub/deeper/c.png"], rows.Select(row => row.Name));
        RowAssert.Matches(fixture.Model.PredictBatch([b])[0], rows[1]);
        Assert.Equal(0, recursive.ExitCode);
    }

    [Fact]
    public void A_list_scores_the_images_it_names_in_its_order_and_reports_names_that_are_missing()
    {
        string folder = _directory.Combine("faces");
        string[] paths = FaceFiles.Pngs(folder, 5);
        FaceFiles.Png(Path.Combine(folder, "sub", "x.png"), seed: 7);
        string list = _directory.Combine("example.csv");
        File.WriteAllText(list, "\uFEFFid,img_name,label\n1,face003.png,\n2,sub/x.png,\n\n3,missing.png,\n4,face001.png,\n");
        string csv = _directory.Combine("submission.csv");

        PredictCliResult result = PredictCli.Run(folder, "--list", list, "--model", fixture.ModelPath, "--out", csv);

        Assert.Equal(1, result.ExitCode);
        IReadOnlyList<ResultsCsvRow> rows = ResultsCsv.Parse(File.ReadAllText(csv));
        Assert.Equal(["face003.png", "sub/x.png", "face001.png"], rows.Select(row => row.Name));
        RowAssert.Matches(fixture.Model.Predict(paths[3]), rows[0], PredictionAssert.Tolerance);
        RowAssert.Matches(fixture.Model.Predict(paths[1]), rows[2], PredictionAssert.Tolerance);
        Assert.Contains("skipped missing.png: ", result.Errors, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Errors, StringComparison.Ordinal);
        Assert.Contains("Scored 3 of 4 files, skipped 1.", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_file_and_a_text_file_are_reported_and_skipped_and_the_rest_is_scored()
    {
        // 70 faces and two bad files span two batches of 64, both holding a bad file.
        string folder = _directory.Combine("faces");
        string[] paths = FaceFiles.Pngs(folder, 70);
        FaceFiles.TruncatedPng(Path.Combine(folder, "broken.png"));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a face");
        string csv = _directory.Combine("results.csv");

        PredictCliResult result = PredictCli.Run(folder, "--model", fixture.ModelPath, "--out", csv);

        Assert.Equal(1, result.ExitCode);
        IReadOnlyList<ResultsCsvRow> rows = ResultsCsv.Parse(File.ReadAllText(csv));
        Assert.Equal(paths.Select(Path.GetFileName), rows.Select(row => row.Name));
        for (int i = 0; i < paths.Length; i++)
        {
            RowAssert.Matches(fixture.Model.Predict(paths[i]), rows[i], PredictionAssert.Tolerance);
        }

        string[] reports = [.. result.Errors.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith("skipped ", StringComparison.Ordinal))];
        Assert.Equal(2, reports.Length);
        Assert.StartsWith("skipped broken.png: ", reports[0], StringComparison.Ordinal);
        Assert.Contains("truncated PNG", reports[0], StringComparison.Ordinal);
        Assert.StartsWith("skipped notes.txt: ", reports[1], StringComparison.Ordinal);
        Assert.Contains("is not an image", reports[1], StringComparison.Ordinal);
        Assert.Contains("Scored 70 of 72 files, skipped 2.", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_holds_every_probability_and_with_top_the_k_most_probable_emotions()
    {
        string[] paths = FaceFiles.Pngs(_directory.Combine("faces"), 4);
        string json = _directory.Combine("results.json");

        PredictCliResult result = PredictCli.Run(_directory.Combine("faces"), "--model", fixture.ModelPath, "--out", json, "--top", "2");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(json));
        JsonElement[] images = [.. document.RootElement.GetProperty("images").EnumerateArray()];
        IReadOnlyList<EmotionPrediction> library = fixture.Model.PredictBatch(paths);
        Assert.Equal(paths.Length, images.Length);
        for (int i = 0; i < paths.Length; i++)
        {
            EmotionPrediction expected = library[i];
            Assert.Equal(Path.GetFileName(paths[i]), images[i].GetProperty("img_name").GetString());
            Assert.Equal(EmotionLabels.Name(expected.Emotion), images[i].GetProperty("label").GetString());
            Assert.Equal(expected.Probability, images[i].GetProperty("probability").GetSingle());
            Assert.Equal(
                EmotionLabels.Names.Zip(expected.Probabilities),
                images[i].GetProperty("probabilities").EnumerateObject().Select(p => (p.Name, p.Value.GetSingle())));
            Emotion[] ranked = [.. EmotionLabels.All.OrderByDescending(expected.ProbabilityOf)];
            Assert.Equal(
                ranked.Take(2).Select(e => (EmotionLabels.Name(e), expected.ProbabilityOf(e))),
                images[i].GetProperty("top").EnumerateArray().Select(t => (t.GetProperty("label").GetString()!, t.GetProperty("probability").GetSingle())));
        }

        Assert.Empty(document.RootElement.GetProperty("skipped").EnumerateArray());
    }

    [Fact]
    public void Json_lists_skipped_files_with_their_reasons_and_csv_quotes_names_with_commas()
    {
        string folder = _directory.Combine("faces");
        string face = FaceFiles.Png(Path.Combine(folder, "me, smiling.png"), seed: 4);
        FaceFiles.TruncatedPng(Path.Combine(folder, "zz-broken.png"));
        string json = _directory.Combine("results.json");

        PredictCliResult jsonRun = PredictCli.Run(folder, "--model", fixture.ModelPath, "--out", json);
        PredictCliResult csvRun = PredictCli.Run(folder, "--model", fixture.ModelPath);

        Assert.Equal(1, jsonRun.ExitCode);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(json));
        JsonElement image = Assert.Single(document.RootElement.GetProperty("images").EnumerateArray());
        Assert.Equal("me, smiling.png", image.GetProperty("img_name").GetString());
        Assert.False(image.TryGetProperty("top", out _));
        JsonElement skipped = Assert.Single(document.RootElement.GetProperty("skipped").EnumerateArray());
        Assert.Equal("zz-broken.png", skipped.GetProperty("img_name").GetString());
        Assert.Contains("truncated PNG", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
        string[] lines = csvRun.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"\"me, smiling.png\",{EmotionLabels.Name(fixture.Model.Predict(face).Emotion)},", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_model_file_it_answers_as_EmotionClassifier_does()
    {
        string[] paths = FaceFiles.Pngs(_directory.Combine("faces"), 3);
        string csv = _directory.Combine("results.csv");

        PredictCliResult result = PredictCli.Run(_directory.Combine("faces"), "--out", csv);

        IReadOnlyList<EmotionPrediction> library;
        try
        {
            library = EmotionClassifier.Default.PredictBatch(paths);
        }
        catch (InvalidOperationException noDefaultModel)
        {
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(noDefaultModel.Message, result.Errors, StringComparison.Ordinal);
            Assert.Contains("--model", result.Errors, StringComparison.Ordinal);
            Assert.False(File.Exists(csv));
            return;
        }

        Assert.Equal(0, result.ExitCode);
        IReadOnlyList<ResultsCsvRow> rows = ResultsCsv.Parse(File.ReadAllText(csv));
        for (int i = 0; i < paths.Length; i++)
        {
            RowAssert.Matches(library[i], rows[i]);
        }
    }
}
