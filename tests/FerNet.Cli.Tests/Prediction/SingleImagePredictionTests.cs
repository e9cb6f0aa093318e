using System.Globalization;
using System.Text.Json;
using FerNet.Core;
using FerNet.Inference;
using FerNet.Cli.Tests.Running;
using FerNet.Testing.Files;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Cli.Tests.Prediction;

public sealed class SingleImagePredictionTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void One_image_prints_its_emotion_and_all_seven_probabilities_most_probable_first()
    {
        string face = FaceFiles.Png(_directory.Combine("face.png"), seed: 3);
        EmotionPrediction expected = fixture.Model.Predict(face);

        PredictCliResult result = PredictCli.Run(face, "--model", fixture.ModelPath);

        Assert.Equal(0, result.ExitCode);
        string[] lines = Lines(result.Output);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"face.png: {EmotionLabels.Name(expected.Emotion)} ({expected.Probability:0.0%})"), lines[0]);
        Assert.Equal(EmotionLabels.Count, lines.Length - 2);
        Assert.Equal(Ranked(expected, EmotionLabels.Count), lines.Skip(2).Select(TableRow));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Top_k_limits_the_table_to_the_k_most_probable_emotions()
    {
        string face = FaceFiles.Png(_directory.Combine("face.png"), seed: 8);
        EmotionPrediction expected = fixture.Model.Predict(face);

        PredictCliResult result = PredictCli.Run(face, "--model", fixture.ModelPath, "--top", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Ranked(expected, 3), Lines(result.Output).Skip(2).Select(TableRow));
    }

    [Fact]
    public void One_image_with_an_output_file_writes_its_row_as_well()
    {
        string face = FaceFiles.Png(_directory.Combine("face.png"), seed: 5);
        string json = _directory.Combine("face.json");

        PredictCliResult result = PredictCli.Run(face, "--model", fixture.ModelPath, "--out", json);

        Assert.Equal(0, result.ExitCode);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(json));
        JsonElement image = Assert.Single(document.RootElement.GetProperty("images").EnumerateArray());
        Assert.Equal("face.png", image.GetProperty("img_name").GetString());
        Assert.Equal(fixture.Model.Predict(face).Probability, image.GetProperty("probability").GetSingle());
    }

    [Fact]
    public void A_single_unusable_image_is_one_error_line_and_exit_code_2_as_nothing_was_scored()
    {
        string broken = FaceFiles.TruncatedPng(_directory.Combine("broken.png"));
        string noise = _directory.Combine("noise.jpg");
        File.WriteAllBytes(noise, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251))]);
        string text = _directory.Combine("notes.png");
        File.WriteAllText(text, "not an image at all");
        string tiff = _directory.Combine("scan.tif");
        File.WriteAllBytes(tiff, TestFaces.EncodeAndDispose(TestFaces.Gray(seed: 3), "tiff"));

        CliAssert.RefusedWithOneLine(PredictCli.Run(broken, "--model", fixture.ModelPath), "broken.png", "truncated PNG");
        CliAssert.RefusedWithOneLine(PredictCli.Run(noise, "--model", fixture.ModelPath), "noise.jpg", "not an image");
        CliAssert.RefusedWithOneLine(PredictCli.Run(text, "--model", fixture.ModelPath), "notes.png", "not an image");
        CliAssert.RefusedWithOneLine(PredictCli.Run(tiff, "--model", fixture.ModelPath), "scan.tif", "TIFF");
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();

    private static IEnumerable<(string, string)> Ranked(EmotionPrediction prediction, int count) =>
        EmotionLabels.All
            .OrderByDescending(prediction.ProbabilityOf)
            .Take(count)
            .Select(emotion => (EmotionLabels.Name(emotion), prediction.ProbabilityOf(emotion).ToString("0.0000", CultureInfo.InvariantCulture)));

    private static (string, string) TableRow(string line)
    {
        string[] cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (cells[0], cells[1]);
    }
}
