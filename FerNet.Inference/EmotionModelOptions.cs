namespace FerNet.Inference;

/// <summary>
/// How a loaded <see cref="EmotionModel"/> scores faces. The defaults are what
/// <see cref="EmotionClassifier.Predict(string)"/> uses.
/// <code>
/// using EmotionModel model = EmotionClassifier.LoadDefault(new EmotionModelOptions { TestTimeAugmentation = TestTimeAugmentation.HorizontalFlip });
/// </code>
/// </summary>
public sealed record EmotionModelOptions
{
    /// <summary>The options <see cref="EmotionClassifier"/> uses when none are given.</summary>
    public static EmotionModelOptions Default { get; } = new();

    /// <summary>Views of each face whose predictions are averaged; <see cref="TestTimeAugmentation.None"/> by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="Inference.TestTimeAugmentation"/>.</exception>
    public TestTimeAugmentation TestTimeAugmentation
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TestTimeAugmentation), value, $"{value} is not a TestTimeAugmentation; use None or HorizontalFlip.");
    }
}
