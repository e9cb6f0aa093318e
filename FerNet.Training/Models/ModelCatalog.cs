namespace FerNet.Training.Models;

/// <summary>The architectures FerNet can build, by the name used on the command line and in checkpoints.</summary>
internal static class ModelCatalog
{
    /// <summary>Every architecture name, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [FerVgg.Name, FerVgg.DenseHeadName, FerVgg.FiveStageName, SeedCnn.Name];

    /// <summary>Builds a freshly initialised model.</summary>
    /// <exception cref="ArgumentException"><paramref name="architecture"/> is not in the catalogue.</exception>
    public static FerModel Create(string architecture) => architecture switch
    {
        SeedCnn.Name => SeedCnn.Create(),
        FerVgg.Name => FerVgg.Create(),
        FerVgg.DenseHeadName => FerVgg.CreateWithDenseHead(),
        FerVgg.FiveStageName => FerVgg.CreateFiveStage(),
        _ => throw new ArgumentException($"Unknown architecture '{architecture}'. Known: {string.Join(", ", Names)}.", nameof(architecture)),
    };
}
