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

    /// <summary>
    /// Whether each face is turned upright before it is classified: the crop is rotated about the
    /// centre of the face's box so that the line through the eyes (<see cref="FaceLandmarks.EyeLineAngle"/>)
    /// is horizontal, as in FER2013's faces. Faces whose detector gives no landmarks are cropped
    /// unturned. On by default: on FER2013 test faces tilted by up to 30 degrees it raises
    /// accuracy (the FerNet.Faces README has the table).
    /// </summary>
    public bool AlignFaces { get; init; } = true;
}
