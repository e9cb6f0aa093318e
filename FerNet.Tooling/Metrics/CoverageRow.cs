namespace FerNet.Tooling.Metrics;

/// <summary>One threshold of a <see cref="ConfidenceCoverage"/> table.</summary>
/// <param name="Threshold">Predictions whose top probability is at least this are kept.</param>
/// <param name="Kept">How many predictions are kept.</param>
/// <param name="Coverage">The kept share of all predictions, in [0, 1].</param>
/// <param name="Accuracy">The share of the kept predictions that are right; 0 when none is kept.</param>
public readonly record struct CoverageRow(float Threshold, int Kept, double Coverage, double Accuracy);
