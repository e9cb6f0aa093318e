namespace FerNet.Training.Runs;

/// <summary>One line of training history: what an epoch achieved and how long it took.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss (cross-entropy plus any L2 term) over the epoch.</param>
/// <param name="TrainAccuracy">Training accuracy over the epoch, in [0, 1], on augmented batches.</param>
/// <param name="ValidationLoss">Cross-entropy on the validation split.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation split, in [0, 1].</param>
/// <param name="ValidationMacroF1">Macro-averaged F1 on the validation split (0 in histories written before it was recorded).</param>
/// <param name="LearningRate">The learning rate at the end of the epoch.</param>
/// <param name="Seconds">Wall-clock seconds the epoch took, validation included.</param>
internal sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double ValidationLoss,
    double ValidationAccuracy,
    double ValidationMacroF1,
    double LearningRate,
    double Seconds)
{
    /// <summary>Validation accuracy of the weight average (<see cref="TrainingOptions.WeightAverageDecay"/>), null when the run keeps none.</summary>
    public double? AverageValidationAccuracy { get; init; }

    /// <summary>
    /// Processor seconds the process spent on the epoch, validation included, summed over its threads;
    /// null in histories written before it was recorded. Unlike <see cref="Seconds"/> it does not grow
    /// when other work shares the CPU, so runs made on a busy machine compare by it.
    /// </summary>
    public double? CpuSeconds { get; init; }
}
