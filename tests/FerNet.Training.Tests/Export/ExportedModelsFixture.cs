using FerNet.Core;
using FerNet.Training.Export;
using FerNet.Training.Models;

namespace FerNet.Training.Tests.Export;

/// <summary>
/// Every catalogue architecture exported twice, freshly initialised and perturbed (trained a few steps,
/// random BatchNorm statistics), plus the images to compare them on. Exporting and scoring is the
/// slow part of the export tests, so it happens once per test class.
/// </summary>
public sealed class ExportedModelsFixture : IDisposable
{
    /// <summary>How many images parity is checked on.</summary>
    public const int ImageCount = 256;

    /// <summary>The batch size of the TorchSharp reference pass.</summary>
    public const int ReferenceBatchSize = 64;

    /// <summary>The creation time every fixture model is stamped with: a local time two hours ahead of UTC.</summary>
    public static readonly DateTimeOffset CreatedAt = new(2025, 1, 31, 14, 30, 15, TimeSpan.FromHours(2));

    private readonly Dictionary<(string Architecture, bool Perturbed), ExportedModel> _models = [];

    public ExportedModelsFixture()
    {
        Folder = Directory.CreateTempSubdirectory("fernet-export-tests-").FullName;
        Pixels = SyntheticImages.Generate(ImageCount, seed: 48);
        // Calibrating on a quarter of the parity images keeps the fixture fast without tuning to every image.
        ReadOnlySpan<float> calibration = Pixels.AsSpan(0, ReferenceBatchSize * FaceInputContract.PixelCount);
        int seed = 0;
        foreach (string architecture in ModelCatalog.Names)
        {
            foreach (bool perturbed in new[] { false, true })
            {
                TorchSharp.torch.random.manual_seed(++seed);
                FerModel model = ModelCatalog.Create(architecture);
                if (perturbed)
                {
                    TestModels.Perturb(model, calibration, seed);
                }

                TestModels.SpreadLogits(model, calibration);

                var info = new OnnxExportInfo
                {
                    TrainingData = $"{architecture} test fixture, {(perturbed ? "perturbed" : "initial")} weights",
                    ValidationAccuracy = seed / 16.0,
                    TestAccuracy = perturbed ? seed / 20.0 : null,
                    CreatedUtc = CreatedAt,
                    FerNetVersion = "0.0.0-test",
                };
                string path = Path.Combine(Folder, $"{architecture}-{(perturbed ? "perturbed" : "initial")}.onnx");
                OnnxExporter.Export(model, info, path);
                ClassScores reference = TorchReference.Score(model, Pixels, ReferenceBatchSize);
                _models[(architecture, perturbed)] = new ExportedModel(model, info, path, new OnnxModelRunner(path), reference);
            }
        }
    }

    /// <summary>The folder the models were exported to.</summary>
    public string Folder { get; }

    /// <summary>The parity images as pixel/255 values.</summary>
    internal float[] Pixels { get; }

    /// <summary>The export of <paramref name="architecture"/>, perturbed or as initialised.</summary>
    internal ExportedModel this[string architecture, bool perturbed] => _models[(architecture, perturbed)];

    public void Dispose()
    {
        foreach (ExportedModel model in _models.Values)
        {
            model.Dispose();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
