namespace FerNet.MLNet;

/// <summary>An input row: an image file and the emotion it is labelled with.</summary>
public sealed class FaceFileRow
{
    /// <summary>The image's path, relative to the folder LoadImages is given.</summary>
    public string ImagePath { get; set; } = string.Empty;

    /// <summary>The FER2013 class folder the image is in.</summary>
    public string Label { get; set; } = string.Empty;
}
