namespace FerNet.Training.Runs;

/// <summary>Reduce-on-plateau bookkeeping.</summary>
/// <param name="Multiplier">Product of all reductions so far (1 at the start).</param>
/// <param name="Best">Best validation accuracy seen.</param>
/// <param name="Wait">Epochs since the last improvement or reduction.</param>
internal sealed record PlateauState(double Multiplier, double Best, int Wait);
