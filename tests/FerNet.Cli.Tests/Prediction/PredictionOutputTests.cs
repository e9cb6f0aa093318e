using FerNet.Cli.Tests.Running;
using FerNet.Testing.Files;
using FerNet.Testing.Models;
using FerNet.Cli.Prediction;

namespace FerNet.Cli.Tests.Prediction;

/// <summary>The output file is written whole once every image is scored, or not at all.</summary>
public sealed class PredictionOutputTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>, IDisposable
{
    private const string PreviousResults = "img_name,label\nold.png,happy\n";
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("results.csv")]
    [InlineData("results.json")]
    public void A_run_stopped_midway_leaves_the_previous_output_file_untouched_and_no_partial_file(string fileName)
    {
        // 130 images are three batches; the progress bar's first line, after the first batch, cancels.
        FaceFiles.Pngs(_directory.Combine("faces"), 130);
        string output = _directory.Combine("out", fileName);
        Directory.CreateDirectory(_directory.Combine("out"));
        File.WriteAllText(output, PreviousResults);
        using var cancellation = new CancellationTokenSource();
        using var diagnostics = new CancellingWriter(cancellation, "Scoring");
        using var results = new StringWriter();

        PredictionOutcome outcome = new PredictionRunner(results, diagnostics).Run(
            new PredictionRequest(_directory.Combine("faces"), fixture.ModelPath, OutputPath: output),
            cancellation.Token);

        Assert.Equal(PredictionOutcome.Cancelled, outcome);
        Assert.True(cancellation.IsCancellationRequested);
        Assert.Equal(PreviousResults, File.ReadAllText(output));
        Assert.Equal([output], Directory.GetFiles(_directory.Combine("out"), "*", new EnumerationOptions { AttributesToSkip = 0 }));
        Assert.Contains("Cancelled; no output file was written.", diagnostics.ToString(), StringComparison.Ordinal);
        Assert.Empty(results.ToString());
    }

    [Fact]
    public void A_finished_run_replaces_the_previous_output_file_whole_and_leaves_no_temporary_file()
    {
        string[] paths = FaceFiles.Pngs(_directory.Combine("faces"), 130);
        string output = _directory.Combine("out", "results.csv");
        Directory.CreateDirectory(_directory.Combine("out"));
        File.WriteAllText(output, PreviousResults);

        PredictCliResult result = PredictCli.Run(_directory.Combine("faces"), "--model", fixture.ModelPath, "--out", output);

        Assert.Equal(0, result.ExitCode);
        IReadOnlyList<ResultsCsvRow> rows = ResultsCsv.Parse(File.ReadAllText(output));
        Assert.Equal(paths.Select(Path.GetFileName), rows.Select(row => row.Name));
        Assert.Equal([output], Directory.GetFiles(_directory.Combine("out"), "*", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public void An_output_file_inside_the_scored_folder_is_not_scored_on_the_next_run()
    {
        string folder = _directory.Combine("faces");
        FaceFiles.Pngs(folder, 3);
        string output = Path.Combine(folder, "results.csv");

        PredictCliResult first = PredictCli.Run(folder, "--model", fixture.ModelPath, "--out", output);
        PredictCliResult second = PredictCli.Run(folder, "--model", fixture.ModelPath, "--out", output);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(3, ResultsCsv.Parse(File.ReadAllText(output)).Count);
    }
}
