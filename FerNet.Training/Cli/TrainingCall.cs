using FerNet.Training.Runs;

namespace FerNet.Training.Cli;

/// <summary>What one `train` call is asked to do with its run, beside the run's <see cref="TrainingOptions"/>.</summary>
/// <param name="Resume">Continue the run in --out (or in <paramref name="StateDirectory"/>) instead of starting one.</param>
/// <param name="MaxEpochs">Stop after this many epochs (--max-epochs-now); null: no limit.</param>
/// <param name="Budget">Stop before an epoch that would end past this budget (--stop-after); null: no limit.</param>
/// <param name="StateDirectory">The folder that keeps the run's state (--state); null: none.</param>
internal sealed record TrainingCall(bool Resume, int? MaxEpochs, TimeBudget? Budget, string? StateDirectory);
