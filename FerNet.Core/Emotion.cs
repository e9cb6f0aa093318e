namespace FerNet.Core;

/// <summary>
/// The seven FER2013 expressions in FerNet's canonical order: the alphabetical order of the Kaggle
/// class folders, which is also the order of every model's output vector.
/// </summary>
public enum Emotion
{
    /// <summary>Angry (index 0).</summary>
    Angry = 0,

    /// <summary>Disgust (index 1).</summary>
    Disgust = 1,

    /// <summary>Fear (index 2).</summary>
    Fear = 2,

    /// <summary>Happy (index 3).</summary>
    Happy = 3,

    /// <summary>Neutral (index 4).</summary>
    Neutral = 4,

    /// <summary>Sad (index 5).</summary>
    Sad = 5,

    /// <summary>Surprise (index 6).</summary>
    Surprise = 6,
}
