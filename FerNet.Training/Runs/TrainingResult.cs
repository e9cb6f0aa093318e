namespace FerNet.Training.Runs;

/// <summary>What a call of <see cref="Trainer.Train"/> left behind.</summary>
/// <param name="BestCheckpointPath">The checkpoint with the best validation accuracy (weights only); it exists once an epoch finished.</param>
/// <param name="LastCheckpointPath">The checkpoint of the last finished epoch, with optimiser state, to resume from.</param>
/// <param name="BestEpoch">The epoch of the best checkpoint; 0 when no epoch finished.</param>
/// <param name="History">Every finished epoch of the run, resumed ones included.</param>
/// <param name="Finished">
/// Whether the run is over: all its epochs done, or stopped early. False when the call stopped
/// after the epochs it was allowed or was cancelled; the run then continues with resume.
/// </param>
internal sealed record TrainingResult(
    string BestCheckpointPath,
    string LastCheckpointPath,
    int BestEpoch,
    IReadOnlyList<EpochRecord> History,
    bool Finished)
{
    /// <summary>Whether the call stopped because the next epoch would have ended past its <see cref="TimeBudget"/>.</summary>
    public bool OutOfTime { get; init; }
}
