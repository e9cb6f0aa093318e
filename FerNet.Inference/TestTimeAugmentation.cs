namespace FerNet.Inference;

/// <summary>
/// What an <see cref="EmotionModel"/> averages over when it classifies a face. More views cost more
/// model runs per face and usually gain a little accuracy; the README gives the measured cost and gain.
/// </summary>
public enum TestTimeAugmentation
{
    /// <summary>One model run per face: the face as given. The default.</summary>
    None,

    /// <summary>
    /// Two model runs per face: the face and its mirror image (left and right swapped, after the
    /// resize to 48 x 48); the two probability vectors are averaged. About twice the model time.
    /// </summary>
    HorizontalFlip,
}
