using System.Text.Json;
using FerNet.Testing.Files;
using FerNet.Training.Cli;
using FerNet.Training.Reports;
using FerNet.Training.Runs;
using FerNet.Training.Tests.Reports;

namespace FerNet.Training.Tests.Runs;

public sealed class RunHistoryTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Read_sums_processor_minutes_and_takes_the_better_of_the_weights_and_their_average()
    {
        string run = Write("probe-a", Epoch(1, 0.50, cpuSeconds: 60), Epoch(2, 0.60, cpuSeconds: 120) with { AverageValidationAccuracy = 0.65 }, Epoch(3, 0.55, cpuSeconds: 30));

        RunHistory history = RunHistory.Read(run);

        Assert.Equal("probe-a", history.Name);
        Assert.Equal([1.0, 3.0, 3.5], history.CumulativeCpuMinutes());
        Assert.Equal([0.50, 0.65, 0.55], history.ValidationAccuracies());
    }

    [Fact]
    public void Read_refuses_a_history_without_processor_time_and_names_the_file_and_epoch()
    {
        string run = Write("old", Epoch(1, 0.5, cpuSeconds: 60), Epoch(2, 0.6, cpuSeconds: null));

        var error = Assert.Throws<InvalidDataException>(() => RunHistory.Read(run));

        Assert.Contains(Path.Combine(run, Trainer.HistoryFileName), error.Message, StringComparison.Ordinal);
        Assert.Contains("epoch 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_a_folder_without_a_history()
    {
        string empty = Directory.CreateDirectory(_directory.Combine("empty")).FullName;

        var error = Assert.Throws<InvalidDataException>(() => RunHistory.Read(empty));

        Assert.Contains(empty, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_gives_each_runs_accuracy_after_each_epoch_at_its_processor_minutes()
    {
        RunHistory history = RunHistory.Read(Write("probe-b", Epoch(1, 0.5012, cpuSeconds: 90), Epoch(2, 0.6049, cpuSeconds: 90)));
        var output = new StringWriter();

        CompareCommand.PrintTable([history], output);

        Assert.Equal("| probe-b | 2 | 3 | 60.49 % | 50.12 % (2), 60.49 % (3) |", output.ToString().Split('\n')[2].TrimEnd('\r'));
    }

    [Fact]
    public void The_chart_draws_one_line_per_run()
    {
        RunHistory first = RunHistory.Read(Write("first", Epoch(1, 0.5, 60), Epoch(2, 0.55, 60), Epoch(3, 0.58, 60)));
        RunHistory second = RunHistory.Read(Write("second", Epoch(1, 0.45, 100), Epoch(2, 0.6, 100)));
        string path = _directory.Combine("compare.png");

        RunComparisonChart.Write([first, second], "probes", path);

        var png = DecodedPng.Load(path);
        Assert.Equal(RunComparisonChart.Width, png.Width);
        Assert.Equal(RunComparisonChart.Height, png.Height);
        Assert.True(png.CountPixels(RunComparisonChart.Palette[0]) > 20, "No line for the first run.");
        Assert.True(png.CountPixels(RunComparisonChart.Palette[1]) > 20, "No line for the second run.");
    }

    private static EpochRecord Epoch(int epoch, double validationAccuracy, double? cpuSeconds) =>
        new(epoch, 1.0, 0.5, 1.0, validationAccuracy, 0.4, 0.01, 30) { CpuSeconds = cpuSeconds };

    private string Write(string name, params EpochRecord[] epochs)
    {
        string run = Directory.CreateDirectory(_directory.Combine(name)).FullName;
        File.WriteAllText(Path.Combine(run, Trainer.HistoryFileName), JsonSerializer.Serialize(epochs));
        return run;
    }
}
