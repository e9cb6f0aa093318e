namespace FerNet.Faces;

/// <summary>How a <see cref="FaceEmotionAnalyzer"/> treats the faces its detector finds.</summary>
public sealed record FaceAnalysisOptions
{
    /// <summary>The default <see cref="MinimumFaceSide"/>: 20 pixels.</summary>
    public const int DefaultMinimumFaceSide = 20;

    /// <summary>
    /// Faces whose box is narrower or shorter than this many pixels are skipped: they are left out
    /// of the results, not classified. The model sees 48 x 48 crops, so a face much smaller than
    /// that holds too little detail for a meaningful answer. At least 1; default 20.
    /// </summary>
    public int MinimumFaceSide { get; init; } = DefaultMinimumFaceSide;
}
