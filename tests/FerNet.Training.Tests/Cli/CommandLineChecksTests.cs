using System.CommandLine;
using FerNet.Testing.Files;
using FerNet.Training.Cli;

namespace FerNet.Training.Tests.Cli;

/// <summary>
/// Option values that would abort libtorch, score no image, or fail only after the work, refused
/// before any work: every command here names a model, checkpoint or dataset that does not exist, so
/// an error about anything else shows the value was checked first.
/// </summary>
public sealed class CommandLineChecksTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("--threads", "0")]
    [InlineData("--threads", "-3")]
    [InlineData("--max-epochs-now", "0")]
    [InlineData("--early-stopping", "0")]
    public void TrainRefusesACountBelowOne(string option, string value)
    {
        ArgumentException error = Refused(TrainCommand.Create(), "--data", _directory.Combine("nowhere"), "--out", _directory.Combine("run"), option, value);

        Assert.Equal($"{option} must be at least 1, not {value}.", error.Message);
        Assert.False(Directory.Exists(_directory.Combine("run")));
    }

    [Fact]
    public void TrainRefusesResumeTogetherWithOverwrite()
    {
        ArgumentException error = Refused(TrainCommand.Create(), "--data", _directory.Combine("nowhere"), "--out", _directory.Combine("run"), "--resume", "--overwrite");

        Assert.Equal("--resume continues the run in --out and --overwrite replaces it: give one of them.", error.Message);
    }

    [Fact]
    public void BenchmarkRefusesThreadsBelowOne()
    {
        ArgumentException error = Refused(BenchmarkCommand.Create(), "--data", _directory.Combine("nowhere"), "--threads", "0");

        Assert.Equal("--threads must be at least 1, not 0.", error.Message);
    }

    [Fact]
    public void TrainRefusesAnOutputThatIsAFile()
    {
        string file = _directory.Combine("run");
        File.WriteAllText(file, "kept");

        ArgumentException error = Refused(TrainCommand.Create(), "--data", _directory.Combine("nowhere"), "--out", file);

        Assert.Equal($"--out '{file}' is a file; give a folder.", error.Message);
        Assert.Equal("kept", File.ReadAllText(file));
    }

    [Fact]
    public void ExportRefusesAnOutputThatIsAFolder()
    {
        ArgumentException error = Refused(ExportCommand.Create(), "--checkpoint", _directory.Combine("nowhere.ckpt"), "--out", _directory.Path);

        Assert.Equal($"--out '{_directory.Path}' is a folder; give the path of the file to write.", error.Message);
    }

    [Fact]
    public void EnsembleRefusesAnOutputThatIsAFolder()
    {
        ArgumentException error = Refused(EnsembleCommand.Create(), "--model", _directory.Combine("a.onnx"), "--model", _directory.Combine("b.onnx"), "--out", _directory.Path, "--data", _directory.Combine("nowhere"));

        Assert.Contains($"--out '{_directory.Path}' is a folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateRefusesAJsonReportThatIsAFolder()
    {
        ArgumentException error = Refused(EvaluateCommand.Create(), "--model", _directory.Combine("nowhere.onnx"), "--data", _directory.Combine("nowhere"), "--json", _directory.Path);

        Assert.Contains($"--json '{_directory.Path}' is a folder", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.6")]
    public void EnsembleRefusesAValidationFractionThatHoldsOutNothingOrMoreThanTrainingDid(string fraction)
    {
        ArgumentException error = Refused(EnsembleCommand.Create(), "--model", _directory.Combine("a.onnx"), "--model", _directory.Combine("b.onnx"), "--out", _directory.Combine("e.onnx"), "--data", _directory.Path, "--val-fraction", fraction);

        Assert.Equal($"--val-fraction must be in (0, 0.5], the share a training run holds out, not {fraction}.", error.Message);
    }

    [Fact]
    public void EvaluateRefusesAValidationFractionOfZeroOnTheValidationSplit()
    {
        ArgumentException error = Refused(EvaluateCommand.Create(), "--model", _directory.Combine("nowhere.onnx"), "--data", _directory.Path, "--split", "validation", "--val-fraction", "0");

        Assert.Equal("--val-fraction must be in (0, 0.5], the share a training run holds out, not 0.", error.Message);
    }

    private static ArgumentException Refused(Command command, params string[] args) =>
        Assert.IsType<ArgumentException>(Record.Exception(() => command.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false })));
}
