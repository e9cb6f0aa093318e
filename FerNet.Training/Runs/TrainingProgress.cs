namespace FerNet.Training.Runs;

/// <summary>
/// Where a run stands, reported by <see cref="Trainer"/> after every training batch and once more
/// when the epoch has been validated and checkpointed (then <see cref="Completed"/> is set).
/// </summary>
/// <param name="Epoch">1-based epoch being trained.</param>
/// <param name="Epochs">Epochs of the whole run.</param>
/// <param name="ImagesDone">Training images of this epoch processed so far.</param>
/// <param name="ImagesInEpoch">Training images in an epoch.</param>
/// <param name="Loss">Mean training loss of this epoch so far.</param>
/// <param name="Accuracy">Training accuracy of this epoch so far, in [0, 1].</param>
internal sealed record TrainingProgress(int Epoch, int Epochs, long ImagesDone, long ImagesInEpoch, double Loss, double Accuracy)
{
    /// <summary>The finished epoch's record; null while the epoch is still training.</summary>
    public EpochRecord? Completed { get; init; }

    /// <summary>Whether the finished epoch has the best validation accuracy so far (its weights are in the best checkpoint).</summary>
    public bool IsBest { get; init; }

    /// <summary>Whether the plateau rule reduced the learning rate after the finished epoch.</summary>
    public bool LearningRateReduced { get; init; }
}
