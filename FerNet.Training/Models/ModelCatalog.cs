namespace FerNet.Training.Models;

/// <summary>The architectures FerNet can build, by the name used on the command line and in checkpoints.</summary>
internal static class ModelCatalog
{
    private static readonly (string Name, Func<FerModel> Create)[] Architectures =
    [
        (FerVgg.Name, FerVgg.Create),
        (FerVgg.DenseHeadName, FerVgg.CreateWithDenseHead),
        (FerVgg.FiveStageName, FerVgg.CreateFiveStage),
        (SeedCnn.Name, SeedCnn.Create),
        (ResNet18.Name, ResNet18.Create),
        (ResNet18.ThreeStageName, ResNet18.CreateThreeStage),
        (ResNet18.NativeInputName, ResNet18.CreateNativeInput),
    ];

    /// <summary>Every architecture name, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Architectures.Select(a => a.Name)];

    /// <summary>Builds a freshly initialised model.</summary>
    /// <exception cref="ArgumentException"><paramref name="architecture"/> is not in the catalogue.</exception>
    public static FerModel Create(string architecture) =>
        Architectures.FirstOrDefault(a => a.Name == architecture).Create?.Invoke()
        ?? throw new ArgumentException($"Unknown architecture '{architecture}'. Known: {string.Join(", ", Names)}.", nameof(architecture));
}
