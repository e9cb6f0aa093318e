using FerNet.Training.Runs;

namespace FerNet.Training.Checkpoints;

/// <summary>What a checkpoint says about itself and the run it belongs to.</summary>
/// <param name="Architecture">The model architecture; decides which module the weights load into.</param>
/// <param name="Options">The run's options, so a resumed run continues the same run.</param>
/// <param name="EpochsCompleted">Epochs finished when the checkpoint was written.</param>
/// <param name="GlobalStep">Optimiser steps taken.</param>
/// <param name="BestValidationAccuracy">Best validation accuracy so far.</param>
/// <param name="BestEpoch">Epoch that reached it.</param>
/// <param name="ValidationAccuracy">Validation accuracy of these weights.</param>
/// <param name="History">Every finished epoch.</param>
/// <param name="Plateau">Learning-rate plateau bookkeeping.</param>
/// <param name="CreatedUtc">When the checkpoint was written.</param>
/// <param name="ClassCounts">Training images per emotion before and after balancing; null in checkpoints written before they were stored.</param>
internal sealed record CheckpointHeader(
    string Architecture,
    TrainingOptions Options,
    int EpochsCompleted,
    long GlobalStep,
    double BestValidationAccuracy,
    int BestEpoch,
    double ValidationAccuracy,
    IReadOnlyList<EpochRecord> History,
    PlateauState Plateau,
    DateTimeOffset CreatedUtc,
    ClassCounts? ClassCounts = null);
