using System.Globalization;
using FerNet.Training.Runs;

namespace FerNet.Training.Terminal;

/// <summary>
/// Draws a run's <see cref="TrainingProgress"/>: a <see cref="ConsoleProgressBar"/> per epoch while
/// it trains, then one summary line per finished epoch, which stays in the log.
/// </summary>
internal sealed class TrainingProgressBar(TextWriter output) : IProgress<TrainingProgress>
{
    private ConsoleProgressBar? _bar;
    private int _epoch;

    /// <inheritdoc />
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Completed is EpochRecord record)
        {
            Finish();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Epoch {record.Epoch,3}/{value.Epochs}  loss {record.TrainLoss:F4}  acc {record.TrainAccuracy:P2}  val_loss {record.ValidationLoss:F4}  val_acc {record.ValidationAccuracy:P2}  val_f1 {record.ValidationMacroF1:F3}{(record.AverageValidationAccuracy is double average ? $"  avg_val_acc {average:P2}" : "")}  lr {record.LearningRate:G3}  {record.Seconds:F0} s{(value.IsBest ? "  *best" : "")}{(value.LearningRateReduced ? "  (plateau: lr reduced)" : "")}"));
            return;
        }

        if (_bar is null || value.Epoch != _epoch)
        {
            Finish();
            _bar = new ConsoleProgressBar(output, $"Epoch {value.Epoch,3}/{value.Epochs}", value.ImagesInEpoch, "img");
            _epoch = value.Epoch;
        }

        _bar.Report(value.ImagesDone, string.Create(CultureInfo.InvariantCulture, $"loss {value.Loss:F4} acc {value.Accuracy:P1}"));
    }

    /// <summary>Ends the bar of an epoch that stopped before it finished.</summary>
    public void Finish()
    {
        _bar?.Finish();
        _bar = null;
    }
}
