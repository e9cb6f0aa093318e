namespace FerNet.Training.Data;

/// <summary>
/// The three parts of FER2013 as the original challenge file labels them in its <c>Usage</c> column.
/// The Kaggle folder layout holds only two of them: its <c>train</c> folder is
/// <see cref="Train"/> and its <c>test</c> folder is <see cref="PublicTest"/>;
/// <see cref="PrivateTest"/> is only in the challenge CSV.
/// </summary>
public enum Fer2013Split
{
    /// <summary>The 28,709 training images (<c>Usage</c> "Training", Kaggle folder <c>train</c>).</summary>
    Train,

    /// <summary>The 3,589 public test images (<c>Usage</c> "PublicTest", Kaggle folder <c>test</c>).</summary>
    PublicTest,

    /// <summary>The 3,589 private test images (<c>Usage</c> "PrivateTest"; only in the challenge CSV).</summary>
    PrivateTest,
}
