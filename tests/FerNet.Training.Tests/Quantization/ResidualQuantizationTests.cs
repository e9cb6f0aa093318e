using FerNet.Training.Tests.Export;
using FerNet.Training.Tests.Torch;
using FerNet.Training.Export;
using FerNet.Training.Models;
using FerNet.Training.Quantization;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Quantization;

/// <summary>A residual network quantizes with its Adds on uint8 values and keeps its float source's answers.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class ResidualQuantizationTests : IDisposable
{
    private const int Images = 64;

    private readonly string _folder = Directory.CreateTempSubdirectory("fernet-residual-int8-").FullName;

    [Fact]
    public void QuantizedResidualModelFusesItsAddsAndAgreesWithItsFloatSource()
    {
        random.manual_seed(37);
        using var model = new FerModel(
            "residual-int8",
            [
                ("upscale", new BilinearUpscale(64)),
                ("conv1", nn.Conv2d(1, 8, kernel_size: 3, stride: 2, padding: 1, bias: false)),
                ("bn1", nn.BatchNorm2d(8)),
                ("relu1", nn.ReLU()),
                ("identity", new ResidualBlock("identity", [("conv1", nn.Conv2d(8, 8, kernel_size: 3, padding: 1, bias: false)), ("bn1", nn.BatchNorm2d(8)), ("relu1", nn.ReLU()), ("conv2", nn.Conv2d(8, 8, kernel_size: 3, padding: 1, bias: false)), ("bn2", nn.BatchNorm2d(8))], [])),
                ("projection", new ResidualBlock(
                    "projection",
                    [("conv1", nn.Conv2d(8, 16, kernel_size: 3, stride: 2, padding: 1, bias: false)), ("bn1", nn.BatchNorm2d(16))],
                    [("shortcut_conv", nn.Conv2d(8, 16, kernel_size: 1, stride: 2, bias: false)), ("shortcut_bn", nn.BatchNorm2d(16))])),
                ("gap", nn.AdaptiveAvgPool2d(1)),
                ("flatten", nn.Flatten()),
                ("fc", nn.Linear(16, 7)),
            ],
            []);
        float[] pixels = SyntheticImages.Generate(Images, seed: 41);
        TestModels.Perturb(model, pixels, seed: 37);
        TestModels.SpreadLogits(model, pixels);
        ModelProto source = OnnxExporter.Build(model, new OnnxExportInfo { TrainingData = "synthetic", ValidationAccuracy = 0 });

        (ModelProto quantized, IReadOnlyList<string> layers) = QdqQuantizer.Quantize(source, pixels, new QuantizationOptions());

        Assert.Equal(5, layers.Count);
        IReadOnlyDictionary<string, int> optimized = OptimizedGraph.OperatorCounts(quantized.ToByteArray());
        Assert.Equal(2, optimized.GetValueOrDefault("QLinearAdd"));
        Assert.False(optimized.ContainsKey("Add"));
        Assert.Equal(5, optimized.GetValueOrDefault("QLinearConv"));
        string floatPath = Path.Combine(_folder, "float.onnx");
        string int8Path = Path.Combine(_folder, "int8.onnx");
        File.WriteAllBytes(floatPath, source.ToByteArray());
        File.WriteAllBytes(int8Path, quantized.ToByteArray());
        using var floatRunner = new OnnxModelRunner(floatPath);
        using var int8Runner = new OnnxModelRunner(int8Path);
        ClassScores expected = floatRunner.Score(pixels, batchSize: 16);
        ClassScores actual = int8Runner.Score(pixels, batchSize: 16);
        int agree = Enumerable.Range(0, Images).Count(i => expected.PredictedClass(i) == actual.PredictedClass(i));
        Assert.True(agree >= Images * 0.95, $"int8 agrees with float32 on {agree} of {Images} faces.");
        double largest = expected.Probabilities.Zip(actual.Probabilities, (p, q) => Math.Abs(p - q)).Max();
        Assert.True(largest < 0.1, $"probabilities differ by up to {largest:G3}.");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
