using FerNet.Core;
using FerNet.Training.Export;
using FerNet.Training.Models;
using FerNet.Testing.Files;

namespace FerNet.Training.Tests.Export;

/// <summary>
/// Two different exported FerNet models to join (a trained-a-little fer-vgg and a freshly initialised
/// seed CNN, both with spread logits so that they disagree), and images to score them on.
/// </summary>
public sealed class EnsembleMembersFixture : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public EnsembleMembersFixture()
    {
        Pixels = SyntheticImages.Generate(64, seed: 77);
        ReadOnlySpan<float> calibration = Pixels;
        Paths = [Export(FerVgg.Name, seed: 5, perturb: true, calibration), Export(SeedCnn.Name, seed: 6, perturb: false, calibration)];
    }

    /// <summary>The members' files: fer-vgg, then seed-cnn.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Images as pixel/255 values.</summary>
    internal float[] Pixels { get; }

    /// <summary>A fresh file path in the fixture's folder.</summary>
    public string NewPath(string name) => _directory.Combine(name);

    public void Dispose() => _directory.Dispose();

    private string Export(string architecture, int seed, bool perturb, ReadOnlySpan<float> calibration)
    {
        TorchSharp.torch.random.manual_seed(seed);
        using FerModel model = ModelCatalog.Create(architecture);
        if (perturb)
        {
            TestModels.Perturb(model, calibration, seed);
        }

        TestModels.SpreadLogits(model, calibration);
        string path = _directory.Combine($"{architecture}.onnx");
        OnnxExporter.Export(model, new OnnxExportInfo { TrainingData = $"{architecture} ensemble member", ValidationAccuracy = 0.5 }, path);
        return path;
    }
}
