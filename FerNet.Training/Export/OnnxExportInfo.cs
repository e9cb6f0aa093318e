using System.Reflection;

namespace FerNet.Training.Export;

/// <summary>
/// What an exported model file says about itself beyond its weights: how it was trained and how well
/// it did. The architecture, labels and input contract come from the model and FerNet.Core.
/// </summary>
internal sealed record OnnxExportInfo
{
    private readonly string _trainingData = "";
    private readonly double _validationAccuracy;
    private readonly double? _testAccuracy;

    /// <summary>The data the model was trained on, e.g. "FER2013 Training split, 28,709 images".</summary>
    /// <exception cref="ArgumentException">The description is empty.</exception>
    public required string TrainingData
    {
        get => _trainingData;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(TrainingData));
            _trainingData = value;
        }
    }

    /// <summary>Validation accuracy as a fraction in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in [0, 1].</exception>
    public required double ValidationAccuracy
    {
        get => _validationAccuracy;
        init => _validationAccuracy = CheckAccuracy(value, nameof(ValidationAccuracy));
    }

    /// <summary>Test accuracy as a fraction in [0, 1], or null when the model has not been tested.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in [0, 1].</exception>
    public double? TestAccuracy
    {
        get => _testAccuracy;
        init => _testAccuracy = value is { } accuracy ? CheckAccuracy(accuracy, nameof(TestAccuracy)) : null;
    }

    /// <summary>When the model file was created; the moment this record was made unless set.</summary>
    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The FerNet version that wrote the file; this build's informational version unless set.</summary>
    public string FerNetVersion { get; init; } = CurrentFerNetVersion;

    private static string CurrentFerNetVersion { get; } =
        typeof(OnnxExportInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(OnnxExportInfo).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static double CheckAccuracy(double value, string name) =>
        value is >= 0 and <= 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "Accuracy must be a fraction in [0, 1].");
}
