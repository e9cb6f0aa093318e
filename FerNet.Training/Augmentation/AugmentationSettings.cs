namespace FerNet.Training.Augmentation;

/// <summary>Random transforms applied to training batches; every range is sampled per image.</summary>
/// <param name="MaxRotationDegrees">Rotation uniformly in [-d, d] degrees.</param>
/// <param name="MinZoom">Smallest zoom factor; above 1 the face appears smaller (Keras' convention).</param>
/// <param name="MaxZoom">Largest zoom factor.</param>
/// <param name="IndependentZoomAxes">Sample the horizontal and vertical zoom separately, as Keras' zoom_range does.</param>
/// <param name="MaxShiftFraction">Shift uniformly in [-f, f] of the image size along each axis.</param>
/// <param name="HorizontalFlip">Mirror half of the images left to right.</param>
/// <param name="ErasingProbability">Chance that one random rectangle of an image is replaced by noise (random erasing).</param>
/// <param name="ErasingMinArea">Smallest erased area, as a fraction of the image.</param>
/// <param name="ErasingMaxArea">Largest erased area, as a fraction of the image.</param>
internal sealed record AugmentationSettings(
    double MaxRotationDegrees = 0,
    double MinZoom = 1,
    double MaxZoom = 1,
    bool IndependentZoomAxes = false,
    double MaxShiftFraction = 0,
    bool HorizontalFlip = false,
    double ErasingProbability = 0,
    double ErasingMinArea = 0.02,
    double ErasingMaxArea = 0.2)
{
    /// <summary>No transform at all.</summary>
    public static AugmentationSettings None { get; } = new();

    /// <summary>The seed's on-the-fly augmentation: zoom in [0.7, 1.3] per axis and horizontal flips.</summary>
    public static AugmentationSettings SeedOnTheFly { get; } = new(MinZoom: 0.7, MaxZoom: 1.3, IndependentZoomAxes: true, HorizontalFlip: true);

    /// <summary>The seed's offline balancing transform: rotation up to ±20° and horizontal flips.</summary>
    public static AugmentationSettings SeedBalancing { get; } = new(MaxRotationDegrees: 20, HorizontalFlip: true);

    /// <summary>FerNet's recipe: small rotations, zoom and shifts, flips and random erasing.</summary>
    public static AugmentationSettings FerNet { get; } = new(
        MaxRotationDegrees: 10, MinZoom: 0.9, MaxZoom: 1.1, MaxShiftFraction: 0.1, HorizontalFlip: true, ErasingProbability: 0.5);

    /// <summary>Whether any geometric transform is sampled.</summary>
    public bool HasGeometry => MaxRotationDegrees > 0 || MinZoom != 1 || MaxZoom != 1 || MaxShiftFraction > 0 || HorizontalFlip;

    /// <summary>Rejects settings that make no sense, naming the value at fault.</summary>
    public void Validate()
    {
        if (MaxRotationDegrees is < 0 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRotationDegrees), MaxRotationDegrees, "Rotation must be in [0, 180] degrees.");
        }

        if (MinZoom <= 0 || MaxZoom < MinZoom)
        {
            throw new ArgumentOutOfRangeException(nameof(MinZoom), $"Zoom range [{MinZoom}, {MaxZoom}] must be positive and ordered.");
        }

        if (MaxShiftFraction is < 0 or > 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxShiftFraction), MaxShiftFraction, "Shift must be in [0, 0.5] of the image size.");
        }

        if (ErasingProbability is < 0 or > 1 || ErasingMinArea <= 0 || ErasingMaxArea < ErasingMinArea || ErasingMaxArea > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ErasingProbability), $"Random erasing p={ErasingProbability}, area [{ErasingMinArea}, {ErasingMaxArea}] is out of range.");
        }
    }
}
