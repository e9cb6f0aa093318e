namespace FerNet.Cli.Tests.Prediction;

/// <summary>One row of the predict verb's CSV: the name, the label and the seven probabilities in canonical order.</summary>
internal sealed record ResultsCsvRow(string Name, string Label, float[] Probabilities);
