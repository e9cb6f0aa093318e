namespace FerNet.MLNet;

/// <summary>A scored row: the input's columns read back, with the two columns PredictEmotion adds.</summary>
public sealed class ScoredFaceRow
{
    /// <summary>The image's path, relative to the image folder.</summary>
    public string ImagePath { get; set; } = string.Empty;

    /// <summary>The FER2013 class folder the image is in.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>The most probable emotion's name.</summary>
    public string PredictedEmotion { get; set; } = string.Empty;

    /// <summary>The seven probabilities, in canonical order.</summary>
    public float[] Probabilities { get; set; } = [];
}
