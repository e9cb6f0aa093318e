using FerNet.Cli.Tests.Running;
using FerNet.Testing.Files;
using FerNet.Testing.Models;

namespace FerNet.Cli.Tests.Prediction;

/// <summary>What the predict verb needs is checked before any image is scored: exit code 2, a message naming the fault, no output.</summary>
public sealed class PredictionSetupTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_missing_model_file_stops_the_run_before_any_image_is_scored()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 3);
        string model = _directory.Combine("missing.onnx");

        AssertNotStarted(["--model", model], "Model file", model, "does not exist");
    }

    [Fact]
    public void A_file_that_is_no_model_stops_the_run_before_any_image_is_scored()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 3);
        string model = _directory.Combine("garbage.onnx");
        File.WriteAllText(model, "not a model");

        AssertNotStarted(["--model", model], model, "not an ONNX model");
    }

    [Fact]
    public void A_missing_folder_stops_the_run()
    {
        string folder = _directory.Combine("no-such-folder");

        PredictCliResult result = PredictCli.Run(folder, "--model", fixture.ModelPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"There is no image or folder at '{folder}'.", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_list_file_stops_the_run()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 3);
        string list = _directory.Combine("example.csv");

        AssertNotStarted(["--list", list, "--model", fixture.ModelPath], "List file", list, "does not exist");
    }

    [Fact]
    public void A_list_without_an_img_name_column_stops_the_run()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 3);
        string list = _directory.Combine("example.csv");
        File.WriteAllText(list, "name,label\nface000.png,happy\n");

        AssertNotStarted(["--list", list, "--model", fixture.ModelPath], list, "no img_name column");
    }

    [Fact]
    public void A_list_row_without_a_name_stops_the_run_and_names_its_line()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 3);
        string list = _directory.Combine("example.csv");
        File.WriteAllText(list, "img_name,label\nface000.png,\n,happy\n");

        AssertNotStarted(["--list", list, "--model", fixture.ModelPath], list, "line 3", "img_name field is empty");
    }

    [Fact]
    public void An_empty_folder_stops_the_run()
    {
        Directory.CreateDirectory(_directory.Combine("faces"));

        AssertNotStarted(["--model", fixture.ModelPath], "holds no files to score", "--recursive");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("8")]
    public void Top_outside_one_to_seven_stops_the_run(string top)
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 1);

        AssertNotStarted(["--model", fixture.ModelPath, "--top", top], $"--top is {top}", "between 1 and 7");
    }

    [Fact]
    public void An_output_file_that_is_neither_csv_nor_json_stops_the_run()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 1);

        PredictCliResult result = PredictCli.Run(_directory.Combine("faces"), "--model", fixture.ModelPath, "--out", _directory.Combine("results.txt"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("must end in .csv or .json", result.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.Combine("results.txt")));
    }

    [Fact]
    public void List_and_recursive_do_not_apply_to_a_single_image()
    {
        string face = FaceFiles.Png(_directory.Combine("face.png"), seed: 1);

        PredictCliResult result = PredictCli.Run(face, "--model", fixture.ModelPath, "--recursive");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a file; --list and --recursive apply to a folder", result.Errors, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    private void AssertNotStarted(string[] options, params string[] messageParts)
    {
        string output = _directory.Combine("out", "results.csv");

        PredictCliResult result = PredictCli.Run([_directory.Combine("faces"), "--out", output, .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Errors, StringComparison.Ordinal);
        foreach (string part in messageParts)
        {
            Assert.Contains(part, result.Errors, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Scoring", result.Errors, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(_directory.Combine("out")), "No output folder or file may appear when the run cannot start.");
    }
}
