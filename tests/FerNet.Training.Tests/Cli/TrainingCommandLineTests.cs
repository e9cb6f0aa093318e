using FerNet.Tooling.Terminal;
using System.CommandLine;
using System.Diagnostics;
using FerNet.Testing.Files;
using FerNet.Training.Cli;
using FerNet.Training.Terminal;

namespace FerNet.Training.Tests.Cli;

/// <summary>
/// The training application's command line under input a hostile tester gives it: an unknown verb,
/// and a named pipe or an endless device where a model, a checkpoint or an output file belongs. Each
/// ends the run at once with one line and exit code 2, before any data is read.
/// </summary>
public sealed class TrainingCommandLineTests : IDisposable
{
    // A FIFO opened for reading never returns; /dev/zero read to its "end" takes gigabytes.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AnUnknownVerbIsOneLineAndExitCode2WithoutTheHelp()
    {
        (int exitCode, string errors, string output) = Run("frobnicate");

        Assert.Equal(2, exitCode);
        string line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("frobnicate", line, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void APipeOrAnEndlessDeviceAsAModelOrCheckpointIsRefusedByNameWithoutBeingOpened()
    {
        string pipe = Fifo(_directory.Combine("model.onnx"));
        string data = _directory.Combine("no-data-needed");
        string run = _directory.Combine("run");

        foreach (string[] arguments in new[]
        {
            new[] { "train", "--data", data, "--out", run, "--init-from", pipe },
            ["train", "--data", data, "--out", run, "--teacher", pipe],
            ["train", "--data", data, "--out", run, "--teacher", "/dev/zero"],
            ["quantize", "--model", pipe, "--data", data, "--out", _directory.Combine("int8.onnx")],
            ["quantize", "--model", "/dev/zero", "--data", data, "--out", _directory.Combine("int8.onnx")],
            ["export", "--checkpoint", pipe, "--out", _directory.Combine("model.onnx.out")],
        })
        {
            (int exitCode, string errors, _) = Run(arguments);

            Assert.Equal(2, exitCode);
            string line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("not a regular file", line, StringComparison.Ordinal);
            Assert.Contains(arguments.Contains(pipe) ? pipe : "/dev/zero", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnOutputFileThatIsAPipeIsRefusedBeforeAnyWork()
    {
        string pipe = Fifo(_directory.Combine("report.json"));
        string model = _directory.Combine("model.onnx");
        File.WriteAllBytes(model, [1, 2, 3]);

        (int exitCode, string errors, _) = Run("evaluate", "--model", model, "--data", _directory.Combine("no-data"), "--json", pipe);

        Assert.Equal(2, exitCode);
        Assert.Contains("a named pipe", errors, StringComparison.Ordinal);
        Assert.Contains(pipe, errors, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReadingBarShowsAShareWithoutARate()
    {
        var log = new StringWriter();
        var bar = new ConsoleProgressBar(log, "Reading", 100, ConsoleProgressBar.PercentUnit);

        bar.Report(40);

        string line = log.ToString();
        Assert.Contains("40 %", line, StringComparison.Ordinal);
        Assert.DoesNotContain("%/s", line, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Errors, string Output) Run(params string[] arguments)
    {
        var errors = new StringWriter();
        var output = new StringWriter();
        Task<int> run = Task.Run(() => TrainingCommandLine.Run(arguments, new InvocationConfiguration { Error = errors, Output = output }));
        Assert.True(run.Wait(Bound), $"{string.Join(' ', arguments)} did not return within {Bound.TotalSeconds} s.");
        return (run.Result, errors.ToString(), output.ToString());
    }

    private static string Fifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
