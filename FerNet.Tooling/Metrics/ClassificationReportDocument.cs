namespace FerNet.Tooling.Metrics;

/// <summary>The JSON form of a <see cref="ClassificationReport"/>; its property names are what tools read.</summary>
internal sealed class ClassificationReportDocument
{
    public required double Accuracy { get; init; }

    public required double MacroPrecision { get; init; }

    public required double MacroRecall { get; init; }

    public required double MacroF1 { get; init; }

    public required double WeightedPrecision { get; init; }

    public required double WeightedRecall { get; init; }

    public required double WeightedF1 { get; init; }

    public required int Support { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public required IReadOnlyDictionary<string, ClassMetrics> PerClass { get; init; }

    public required int[][] ConfusionMatrix { get; init; }
}
