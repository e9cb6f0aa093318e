using FerNet.Tooling.Terminal;
using System.Diagnostics;
using System.Globalization;
using FerNet.Training.Runs;

namespace FerNet.Training.Terminal;

/// <summary>
/// Draws a run's <see cref="TrainingProgress"/>: a <see cref="ConsoleProgressBar"/> per epoch while
/// it trains, then one summary line per finished epoch, which stays in the log. Both show the whole
/// run's ETA: the rest of this epoch at its pace, and every remaining epoch at the length of the last
/// finished one (or, before one finished, of this one).
/// </summary>
internal sealed class TrainingProgressBar(TextWriter output) : IProgress<TrainingProgress>
{
    private readonly Stopwatch _epochClock = new();
    private ConsoleProgressBar? _bar;
    private int _epoch;
    private double? _epochSeconds;

    /// <inheritdoc />
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Completed is EpochRecord record)
        {
            Finish();
            _epochSeconds = record.Seconds;
            string runEta = value.Epoch < value.Epochs ? $"  run ETA {Hours(TimeSpan.FromSeconds((value.Epochs - value.Epoch) * record.Seconds))}" : "";
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Epoch {record.Epoch,3}/{value.Epochs}  loss {record.TrainLoss:F4}  acc {record.TrainAccuracy:P2}  val_loss {record.ValidationLoss:F4}  val_acc {record.ValidationAccuracy:P2}  val_f1 {record.ValidationMacroF1:F3}{(record.AverageValidationAccuracy is double average ? $"  avg_val_acc {average:P2}" : "")}  lr {record.LearningRate:G3}  {record.Seconds:F0} s{runEta}{(value.IsBest ? "  *best" : "")}{(value.LearningRateReduced ? "  (plateau: lr reduced)" : "")}"));
            return;
        }

        if (_bar is null || value.Epoch != _epoch)
        {
            Finish();
            _bar = new ConsoleProgressBar(output, $"Epoch {value.Epoch,3}/{value.Epochs}", value.ImagesInEpoch, "img");
            _epoch = value.Epoch;
            _epochClock.Restart();
        }

        _bar.Report(value.ImagesDone, string.Create(CultureInfo.InvariantCulture, $"loss {value.Loss:F4} acc {value.Accuracy:P1}{RunEta(value)}"));
    }

    /// <summary>"h" and minutes of <paramref name="time"/>, e.g. 5h07m: a run's ETA needs no seconds.</summary>
    internal static string Hours(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}h{time.Minutes:D2}m");

    /// <summary>The whole run's ETA for the bar of a running epoch; empty until its pace is known.</summary>
    private string RunEta(TrainingProgress value)
    {
        double elapsed = _epochClock.Elapsed.TotalSeconds;
        if (value.ImagesDone <= 0 || elapsed <= 0)
        {
            return "";
        }

        double thisEpoch = elapsed * value.ImagesInEpoch / value.ImagesDone;
        double later = (value.Epochs - value.Epoch) * (_epochSeconds ?? thisEpoch);
        return $" run ETA {Hours(TimeSpan.FromSeconds(Math.Max(0, thisEpoch - elapsed) + later))}";
    }

    /// <summary>Ends the bar of an epoch that stopped before it finished.</summary>
    public void Finish()
    {
        _bar?.Finish();
        _bar = null;
    }
}
