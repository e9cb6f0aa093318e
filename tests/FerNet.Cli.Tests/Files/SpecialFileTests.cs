using FerNet.Cli.Tests.Prediction;
using FerNet.Cli.Tests.Running;
using FerNet.Testing.Files;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Cli.Tests.Files;

/// <summary>
/// Devices, named pipes and links to them, given where an image or a model belongs, are refused
/// before they are opened: reading /dev/zero never ends and opening a pipe blocks until a writer
/// comes. A single file ends the run with one line and exit code 2; in a folder or list it is skipped.
/// </summary>
public sealed class SpecialFileTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_device_a_pipe_or_a_link_to_a_device_as_the_image_ends_the_run_with_one_line()
    {
        string fifo = SpecialFiles.Fifo(_directory.Combine("pipe.png"));
        string link = SpecialFiles.Link(_directory.Combine("zero.png"), SpecialFiles.EndlessDevice);

        foreach (string image in new[] { SpecialFiles.EndlessDevice, fifo, link })
        {
            PredictCliResult predict = PredictCli.RunBounded("predict", image, "--model", fixture.ModelPath);
            PredictCliResult faces = PredictCli.RunBounded("faces", image, "--model", fixture.ModelPath, "--out", _directory.Combine("out"));

            CliAssert.RefusedWithOneLine(predict, image, "not a regular file");
            CliAssert.RefusedWithOneLine(faces, image, "not a regular file");
        }
    }

    [Fact]
    public void A_pipe_or_a_device_as_the_video_ends_the_run_with_one_line()
    {
        string fifo = SpecialFiles.Fifo(_directory.Combine("pipe.mp4"));

        foreach (string video in new[] { SpecialFiles.EndlessDevice, fifo })
        {
            PredictCliResult result = PredictCli.RunBounded("video", video, "--model", fixture.ModelPath, "--out", _directory.Combine("out"));

            CliAssert.RefusedWithOneLine(result, video, "not a regular file");
        }
    }

    [Fact]
    public void Devices_and_pipes_in_a_folder_or_a_list_are_skipped_and_the_rest_is_scored()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 3);
        SpecialFiles.Fifo(_directory.Combine("faces", "pipe.png"));
        SpecialFiles.Link(_directory.Combine("faces", "zero.png"), SpecialFiles.EndlessDevice);
        string list = _directory.Combine("list.csv");
        File.WriteAllText(list, "img_name\npipe.png\nface000.png\nzero.png\n");

        PredictCliResult folder = PredictCli.RunBounded("predict", _directory.Combine("faces"), "--model", fixture.ModelPath);
        PredictCliResult listed = PredictCli.RunBounded("predict", _directory.Combine("faces"), "--list", list, "--model", fixture.ModelPath);
        PredictCliResult faces = PredictCli.RunBounded("faces", _directory.Combine("faces"), "--model", fixture.ModelPath, "--out", _directory.Combine("out"));

        Assert.Equal((1, 1, 1), (folder.ExitCode, listed.ExitCode, faces.ExitCode));
        Assert.Contains("Scored 3 of 5 files, skipped 2.", folder.Errors, StringComparison.Ordinal);
        Assert.Contains("Scored 1 of 3 files, skipped 2.", listed.Errors, StringComparison.Ordinal);
        Assert.Contains("in 3 of 5 files, skipped 2.", faces.Errors, StringComparison.Ordinal);
        foreach (PredictCliResult result in new[] { folder, listed, faces })
        {
            Assert.Contains("skipped pipe.png: ", result.Errors, StringComparison.Ordinal);
            Assert.Contains("not a regular file", result.Errors, StringComparison.Ordinal);
            Assert.Contains("skipped zero.png: ", result.Errors, StringComparison.Ordinal);
        }

        // A list cannot reach the device at all: the link leads outside its folder.
        Assert.Contains($"a link to '{SpecialFiles.EndlessDevice}'", folder.Errors, StringComparison.Ordinal);
        Assert.Contains($"a link to '{SpecialFiles.EndlessDevice}'", faces.Errors, StringComparison.Ordinal);
        Assert.Contains("'zero.png', which lies outside the folder", listed.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_a_parent_folder_does_not_make_a_recursive_walk_endless()
    {
        FaceFiles.Pngs(_directory.Combine("faces", "sub"), 2);
        SpecialFiles.Link(_directory.Combine("faces", "sub", "up"), _directory.Combine("faces"));

        PredictCliResult predict = PredictCli.RunBounded("predict", _directory.Combine("faces"), "--recursive", "--model", fixture.ModelPath);
        PredictCliResult faces = PredictCli.RunBounded("faces", _directory.Combine("faces"), "--recursive", "--model", fixture.ModelPath, "--out", _directory.Combine("out"));

        Assert.Equal((0, 0), (predict.ExitCode, faces.ExitCode));
        Assert.Contains("Scored 2 of 2 files, skipped 0.", predict.Errors, StringComparison.Ordinal);
        Assert.Contains("in 2 of 2 files, skipped 0.", faces.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_or_a_pipe_as_the_list_ends_the_run_with_one_line()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 1);
        string fifo = SpecialFiles.Fifo(_directory.Combine("list.csv"));

        CliAssert.RefusedWithOneLine(PredictCli.RunBounded("predict", _directory.Combine("faces"), "--list", SpecialFiles.EndlessDevice, "--model", fixture.ModelPath), SpecialFiles.EndlessDevice, "not a regular file");
        CliAssert.RefusedWithOneLine(PredictCli.RunBounded("predict", _directory.Combine("faces"), "--list", fifo, "--model", fixture.ModelPath), fifo, "not a regular file");
    }

    [Fact]
    public void A_device_or_a_pipe_in_a_labelled_folder_ends_evaluate_with_one_line_naming_it()
    {
        GeneratedFaceFolder.Write(_directory.Path, "labelled", count: 7, firstSeed: 1);
        string fifo = SpecialFiles.Fifo(_directory.Combine("labelled", "happy", "pipe.png"));

        PredictCliResult result = PredictCli.RunBounded("evaluate", "--model", fixture.ModelPath, "--data", _directory.Combine("labelled"));

        CliAssert.RefusedWithOneLine(result, fifo, "not a regular file");
    }

    [Fact]
    public void A_device_or_a_link_to_one_as_the_model_or_the_detector_ends_the_run_with_one_line()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 1);
        GeneratedFaceFolder.Write(_directory.Path, "labelled", count: 7, firstSeed: 1);
        string model = SpecialFiles.Link(_directory.Combine("model.onnx"), SpecialFiles.EndlessDevice);
        string detector = SpecialFiles.Link(_directory.Combine("yunet.onnx"), SpecialFiles.EndlessDevice);
        string pipe = SpecialFiles.Fifo(_directory.Combine("pipe.onnx"));

        CliAssert.RefusedWithOneLine(PredictCli.RunBounded("predict", _directory.Combine("faces"), "--model", SpecialFiles.EndlessDevice), SpecialFiles.EndlessDevice, "not a regular file");
        CliAssert.RefusedWithOneLine(PredictCli.RunBounded("predict", _directory.Combine("faces"), "--model", model), model, "not a regular file");
        CliAssert.RefusedWithOneLine(PredictCli.RunBounded("evaluate", "--data", _directory.Combine("labelled"), "--model", pipe), pipe, "not a regular file");
        CliAssert.RefusedWithOneLine(PredictCli.RunBounded("faces", _directory.Combine("faces"), "--model", model, "--out", _directory.Combine("out")), model, "not a regular file");
        CliAssert.RefusedWithOneLine(PredictCli.RunBounded("faces", _directory.Combine("faces"), "--detector", detector, "--out", _directory.Combine("out")), detector, "not a regular file");
    }

    [Fact]
    public void An_output_file_that_is_a_pipe_or_a_link_to_a_device_ends_the_run_before_any_work_and_is_left_as_it_was()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 2);
        GeneratedFaceFolder.Write(_directory.Path, "labelled", count: 7, firstSeed: 1);
        string pipe = SpecialFiles.Fifo(_directory.Combine("results.csv"));
        string nullLink = SpecialFiles.Link(_directory.Combine("report.json"), "/dev/null");

        CliAssert.RefusedWithOneLine(PredictCli.RunBounded("predict", _directory.Combine("faces"), "--out", pipe, "--model", fixture.ModelPath), pipe, "not a regular file", "a named pipe");
        CliAssert.RefusedWithOneLine(PredictCli.RunBounded("evaluate", "--data", _directory.Combine("labelled"), "--json", nullLink, "--model", fixture.ModelPath), nullLink, "not a regular file", "a character device");

        Assert.NotNull(Common.IO.RegularFile.WriteRefusal(pipe, "pipe"));
        Assert.Equal("/dev/null", new FileInfo(nullLink).LinkTarget);
    }
}
