namespace FerNet.Tooling.Metrics;

/// <summary>How well one class was recognised.</summary>
/// <param name="Precision">Correct predictions of the class over all predictions of it; 0 when it was never predicted.</param>
/// <param name="Recall">Correct predictions of the class over its true instances; 0 when it has none.</param>
/// <param name="F1">The harmonic mean of precision and recall, 2TP / (2TP + FP + FN); 0 when that is 0 / 0.</param>
/// <param name="Support">The number of true instances of the class.</param>
public sealed record ClassMetrics(double Precision, double Recall, double F1, int Support);
