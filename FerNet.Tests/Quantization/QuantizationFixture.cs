using FerNet.Core;
using FerNet.Tests.Export;
using FerNet.Tests.Inference;
using FerNet.Tests.TestData;
using FerNet.Training.Export;
using FerNet.Training.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FerNet.Tests.Quantization;

/// <summary>
/// A generated FER2013 folder to calibrate on, every catalogue architecture exported in float32 with
/// trained-a-little weights, and faces to compare float32 and int8 predictions on, drawn from the
/// same generator as the calibration images but with other seeds.
/// </summary>
public sealed class QuantizationFixture : IDisposable
{
    /// <summary>How many faces the predictions are compared on.</summary>
    public const int ComparisonFaces = 400;

    private readonly TemporaryDirectory _directory = new();

    public QuantizationFixture()
    {
        DataRoot = _directory.Combine("fer2013");
        GeneratedFaceFolder.Write(DataRoot, "train", count: 140, firstSeed: 7000);
        Faces = [.. Enumerable.Range(90_000, ComparisonFaces).Select(Pixels)];
        float[] calibration = [.. Faces.Take(64).SelectMany(face => face.Select(p => p * FaceInputContract.PixelScale))];
        int seed = 40;
        foreach (string architecture in ModelCatalog.Names)
        {
            TorchSharp.torch.random.manual_seed(++seed);
            using FerModel model = ModelCatalog.Create(architecture);
            TestModels.Perturb(model, calibration, seed);
            // Spread on these faces, so that the class margins the comparison tests are realistic.
            TestModels.SpreadLogits(model, calibration);
            string path = _directory.Combine($"{architecture}.onnx");
            OnnxExporter.Export(model, new OnnxExportInfo { TrainingData = $"{architecture} quantization fixture", ValidationAccuracy = 0.5, TestAccuracy = 0.5 }, path);
            FloatModels[architecture] = path;
        }
    }

    /// <summary>The generated FER2013 root (train split only).</summary>
    public string DataRoot { get; }

    /// <summary>Each catalogue architecture's float32 model file.</summary>
    public Dictionary<string, string> FloatModels { get; } = [];

    /// <summary>48x48 gray faces as 8-bit pixels.</summary>
    internal IReadOnlyList<byte[]> Faces { get; }

    /// <summary>A fresh path in the fixture's folder.</summary>
    public string NewPath(string name) => _directory.Combine($"{Guid.NewGuid():N}-{name}");

    public void Dispose() => _directory.Dispose();

    private static byte[] Pixels(int seed)
    {
        using Image<L8> image = TestFaces.Gray(seed);
        var pixels = new byte[FaceInputContract.PixelCount];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }
}
