using FerNet.Core;
using FerNet.Inference;

namespace FerNet.Testing.Models;

/// <summary>Linear test models, loaded once per test class: one with canonical label order (from a file), one shuffled (from bytes), and the canonical one with flip test-time augmentation.</summary>
public sealed class LinearModelFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fernet-inference-").FullName;

    public LinearModelFixture()
    {
        ModelPath = Path.Combine(_directory, "linear.onnx");
        File.WriteAllBytes(ModelPath, Canonical.ToOnnx());
        Model = EmotionClassifier.Load(ModelPath);
        ShuffledModel = EmotionClassifier.FromStream(new MemoryStream(Shuffled.ToOnnx()));
        MirroringModel = EmotionClassifier.FromStream(new MemoryStream(Canonical.ToOnnx()), new EmotionModelOptions { TestTimeAugmentation = TestTimeAugmentation.HorizontalFlip });
    }

    public LinearFaceModel Canonical { get; } = new(seed: 11, EmotionLabels.Names);

    public LinearFaceModel Shuffled { get; } = new(seed: 12, ["surprise", "happy", "angry", "sad", "fear", "neutral", "disgust"]);

    public string ModelPath { get; }

    public EmotionModel Model { get; }

    public EmotionModel ShuffledModel { get; }

    /// <summary>The canonical model with horizontal-flip test-time augmentation.</summary>
    public EmotionModel MirroringModel { get; }

    /// <summary>A file in this fixture's temporary directory.</summary>
    public string WriteFile(string name, byte[] contents)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, contents);
        return path;
    }

    public void Dispose()
    {
        Model.Dispose();
        ShuffledModel.Dispose();
        MirroringModel.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
