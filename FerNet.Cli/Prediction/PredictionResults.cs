namespace FerNet.Cli.Prediction;

/// <summary>The outcome of scoring a set of images, each list in input order.</summary>
internal sealed record PredictionResults(IReadOnlyList<ScoredImage> Scored, IReadOnlyList<SkippedImage> Skipped);
