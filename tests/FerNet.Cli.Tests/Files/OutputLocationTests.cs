using FerNet.Cli.Tests.Prediction;
using FerNet.Cli.Tests.Running;
using FerNet.Testing.Files;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Cli.Tests.Files;

/// <summary>An output that cannot be written (a folder where a file goes, a file where a folder goes, a path through a file) ends the run with one line and exit code 2 before any image is scored.</summary>
public sealed class OutputLocationTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Predict_out_onto_a_folder_or_through_a_file_is_refused_before_scoring()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 2);
        string folder = Directory.CreateDirectory(_directory.Combine("results.json")).FullName;
        string file = _directory.Combine("notes.txt");
        File.WriteAllText(file, "a file");

        CliAssert.RefusedWithOneLine(PredictCli.Run(_directory.Combine("faces"), "--model", fixture.ModelPath, "--out", folder), folder, "is a folder");
        CliAssert.RefusedWithOneLine(PredictCli.Run(_directory.Combine("faces"), "--model", fixture.ModelPath, "--out", Path.Combine(file, "results.csv")), file, "is a file");
    }

    [Fact]
    public void Faces_out_onto_a_file_or_through_one_is_refused_before_any_photo_is_read()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 2);
        string file = _directory.Combine("notes.txt");
        File.WriteAllText(file, "a file");

        CliAssert.RefusedWithOneLine(PredictCli.RunFernet(["faces", _directory.Combine("faces"), "--model", fixture.ModelPath, "--out", file]), file, "is a file");
        CliAssert.RefusedWithOneLine(PredictCli.RunFernet(["faces", _directory.Combine("faces"), "--model", fixture.ModelPath, "--out", Path.Combine(file, "out")]), file, "is a file");
        Assert.Equal("a file", File.ReadAllText(file));
    }

    [Fact]
    public void Evaluate_json_onto_a_folder_or_through_a_file_is_refused_before_scoring()
    {
        GeneratedFaceFolder.Write(_directory.Path, "labelled", count: 7, firstSeed: 1);
        string folder = Directory.CreateDirectory(_directory.Combine("report.json")).FullName;
        string file = _directory.Combine("notes.txt");
        File.WriteAllText(file, "a file");

        CliAssert.RefusedWithOneLine(PredictCli.RunFernet(["evaluate", "--model", fixture.ModelPath, "--data", _directory.Combine("labelled"), "--json", folder]), folder, "is a folder");
        CliAssert.RefusedWithOneLine(PredictCli.RunFernet(["evaluate", "--model", fixture.ModelPath, "--data", _directory.Combine("labelled"), "--json", Path.Combine(file, "report.json")]), file, "is a file");
    }
}
