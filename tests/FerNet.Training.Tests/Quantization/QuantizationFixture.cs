using FerNet.Core;
using FerNet.Testing.Files;
using FerNet.Testing.Images;
using FerNet.Training.Tests.Data;
using FerNet.Training.Tests.Export;
using FerNet.Training.Export;
using FerNet.Training.Models;
using TorchSharp;

namespace FerNet.Training.Tests.Quantization;

/// <summary>
/// A generated FER2013 folder to calibrate on, every catalogue architecture exported in float32 with
/// trained-a-little weights, and faces to compare float32 and int8 predictions on, drawn from the
/// same generator as the calibration images but with other seeds.
/// </summary>
public sealed class QuantizationFixture : IDisposable
{
    /// <summary>How many faces the predictions are compared on.</summary>
    public const int ComparisonFaces = 400;

    /// <summary>How many faces the generated FER2013 training split holds.</summary>
    public const int TrainingFaces = 140;

    /// <summary>How many faces the generated test split holds.</summary>
    public const int TestFaces = 70;

    private readonly TemporaryDirectory _directory = new();

    public QuantizationFixture()
    {
        // Faces that differ in brightness, contrast and gradient, as real crops do: faces that differ
        // only in noise would give a model's classes margins finer than any 8-bit arithmetic.
        float[] generated = SyntheticImages.Generate(TrainingFaces + ComparisonFaces, seed: 2024);
        byte[][] faces = [.. generated.Chunk(FaceInputContract.PixelCount).Select(face => face.Select(v => (byte)MathF.Round(v * 255)).ToArray())];
        DataRoot = _directory.Combine("fer2013");
        for (int i = 0; i < TrainingFaces; i++)
        {
            string label = EmotionLabels.Names[i % EmotionLabels.Count];
            SyntheticFer2013.WriteImage(Path.Combine(DataRoot, "train", label, $"{i}.png"), faces[i]);
        }

        Faces = faces[TrainingFaces..];
        // The same training split beside a PublicTest split of comparison faces, for the test scores quantize records.
        DataRootWithTest = _directory.Combine("fer2013-with-test");
        Directory.CreateDirectory(DataRootWithTest);
        Directory.CreateSymbolicLink(Path.Combine(DataRootWithTest, "train"), Path.Combine(DataRoot, "train"));
        for (int i = 0; i < TestFaces; i++)
        {
            SyntheticFer2013.WriteImage(Path.Combine(DataRootWithTest, "test", EmotionLabels.Names[i % EmotionLabels.Count], $"{i}.png"), Faces[i]);
        }

        int seed = 40;
        foreach (string architecture in ModelCatalog.Names)
        {
            TorchSharp.torch.random.manual_seed(++seed);
            using FerModel model = ModelCatalog.Create(architecture);
            TrainOnBrightness(model, generated);
            string path = _directory.Combine($"{architecture}.onnx");
            OnnxExporter.Export(model, new OnnxExportInfo { TrainingData = $"{architecture} quantization fixture", ValidationAccuracy = 0.5, TestAccuracy = 0.5 }, path);
            FloatModels[architecture] = path;
        }
    }

    /// <summary>The generated FER2013 root (train split only).</summary>
    public string DataRoot { get; }

    /// <summary>A generated FER2013 root with <see cref="DataRoot"/>'s train split and a test split of <see cref="TestFaces"/> faces.</summary>
    public string DataRootWithTest { get; }

    /// <summary>Each catalogue architecture's float32 model file.</summary>
    public Dictionary<string, string> FloatModels { get; } = [];

    /// <summary>48x48 gray faces as 8-bit pixels.</summary>
    internal IReadOnlyList<byte[]> Faces { get; }

    /// <summary>A fresh path in the fixture's folder.</summary>
    public string NewPath(string name) => _directory.Combine($"{Guid.NewGuid():N}-{name}");

    public void Dispose() => _directory.Dispose();

    /// <summary>
    /// Trains <paramref name="model"/> briefly (100 steps) to tell faces apart by brightness (seven bands, one per
    /// class). A network with random weights is a poor stand-in here: its features barely differ from
    /// face to face, so its class margins are finer than any 8-bit step, whereas a trained network's
    /// margins come from features that vary, as a real model's do.
    /// </summary>
    private static void TrainOnBrightness(FerModel model, float[] pixels)
    {
        int count = pixels.Length / FaceInputContract.PixelCount;
        double[] brightness = [.. pixels.Chunk(FaceInputContract.PixelCount).Select(face => face.Average(v => (double)v))];
        int[] order = [.. Enumerable.Range(0, count).OrderBy(i => brightness[i])];
        long[] labels = new long[count];
        for (int rank = 0; rank < count; rank++)
        {
            labels[order[rank]] = rank * EmotionLabels.Count / count;
        }

        using var images = torch.tensor(pixels, [count, 1, FaceInputContract.Height, FaceInputContract.Width]);
        using var targets = torch.tensor(labels);
        using var optimizer = torch.optim.Adam(model.parameters(), 0.002);
        model.train();
        var random = new Random(1);
        for (int step = 0; step < 100; step++)
        {
            using DisposeScope scope = torch.NewDisposeScope();
            torch.Tensor batch = torch.tensor([.. Enumerable.Range(0, 32).Select(_ => (long)random.Next(count))]);
            optimizer.zero_grad();
            torch.nn.functional.cross_entropy(model.forward(images.index_select(0, batch)), targets.index_select(0, batch)).backward();
            optimizer.step();
        }

        model.eval();
    }
}
