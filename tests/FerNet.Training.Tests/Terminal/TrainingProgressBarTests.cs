using FerNet.Training.Runs;
using FerNet.Training.Terminal;

namespace FerNet.Training.Tests.Terminal;

/// <summary>What the `train` command prints for a run's progress when its output is a log, not a terminal.</summary>
public sealed class TrainingProgressBarTests
{
    [Fact]
    public void ALogGetsTenthsOfAnEpochAndOneSummaryLinePerEpoch()
    {
        var log = new StringWriter();
        var bar = new TrainingProgressBar(log);
        var record = new EpochRecord(3, 1.25, 0.5, 1.5, 0.375, 0.25, 0.01, 12);

        for (int done = 10; done <= 100; done += 10)
        {
            bar.Report(new TrainingProgress(3, 40, done, 100, 1.25, 0.5));
        }

        bar.Report(new TrainingProgress(3, 40, 100, 100, 1.25, 0.5) { Completed = record, IsBest = true, LearningRateReduced = true });

        string[] lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.All(lines[..^1], line => Assert.StartsWith("Epoch   3/40 [", line, StringComparison.Ordinal));
        Assert.Contains("100/100", lines[^2], StringComparison.Ordinal);
        Assert.Equal("Epoch   3/40  loss 1.2500  acc 50.00 %  val_loss 1.5000  val_acc 37.50 %  val_f1 0.250  lr 0.01  12 s  run ETA 0h07m  *best  (plateau: lr reduced)", lines[^1]);
    }

    [Fact]
    public void TheRunsEtaCountsEveryRemainingEpochAtTheLastEpochsLength()
    {
        var log = new StringWriter();
        var bar = new TrainingProgressBar(log);

        bar.Report(new TrainingProgress(10, 100, 100, 100, 1, 0.5) { Completed = new EpochRecord(10, 1, 0.5, 1, 0.5, 0.5, 0.01, 300) });
        bar.Report(new TrainingProgress(11, 100, 50, 100, 1, 0.5));
        bar.Report(new TrainingProgress(100, 100, 100, 100, 1, 0.5) { Completed = new EpochRecord(100, 1, 0.5, 1, 0.5, 0.5, 0.01, 300) });

        // 89 epochs after this one at 300 s: 7 h 25 min, and the rest of this epoch, which has only just started.
        string[] lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("300 s  run ETA 7h30m", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(" run ETA 7h25m", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("run ETA", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void AnEpochOfARunWithAWeightAverageShowsItsValidationAccuracy()
    {
        var log = new StringWriter();
        var record = new EpochRecord(2, 1.25, 0.5, 1.5, 0.375, 0.25, 0.01, 12) { AverageValidationAccuracy = 0.4 };

        new TrainingProgressBar(log).Report(new TrainingProgress(2, 40, 100, 100, 1.25, 0.5) { Completed = record });

        Assert.Contains("val_f1 0.250  avg_val_acc 40.00 %  lr 0.01", log.ToString(), StringComparison.Ordinal);
    }
}
