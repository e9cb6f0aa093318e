using FerNet.Training.Export;
using FerNet.Training.Import;
using FerNet.Training.Models;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;
using FerNet.Training.Tests.Torch;

namespace FerNet.Training.Tests.Export;

/// <summary>Residual networks export to ONNX graphs that compute what TorchSharp computes, and read back.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class ResidualExportTests : IDisposable
{
    private const int Images = 16;

    private readonly string _folder = Directory.CreateTempSubdirectory("fernet-export-residual-").FullName;

    [Theory]
    [InlineData(ResNet18.Name, 9)]
    [InlineData(ResNet18.ThreeStageName, 6)]
    public void ResNetExportReadByOnnxRuntimeEqualsTorchSharp(string architecture, int blocks)
    {
        random.manual_seed(17);
        using FerModel model = ModelCatalog.Create(architecture);
        float[] pixels = SyntheticImages.Generate(Images, seed: 21);
        TestModels.Perturb(model, pixels, seed: 17);
        TestModels.SpreadLogits(model, pixels);
        string path = Path.Combine(_folder, $"{architecture}.onnx");

        OnnxExporter.Export(model, new OnnxExportInfo { TrainingData = "synthetic", ValidationAccuracy = 0 }, path);
        using (var runner = new OnnxModelRunner(path))
        {
            ParityAssert.Matches(OnnxParityReport.Measure(model, runner, pixels, batchSize: 8), Images);
        }

        ModelProto onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(blocks, onnx.Graph.Node.Count(n => n.OpType == "Add"));
        Assert.Equal("Resize", onnx.Graph.Node[0].OpType);
        Assert.Equal(0, onnx.Graph.Node.Count(n => n.OpType == "BatchNormalization"));
        Assert.Contains(onnx.Graph.Initializer, t => t.Name == "layer2_0.shortcut_conv.weight");
    }

    [Fact]
    public void TheResNetOnTheFaceAsItIsExportsWithoutAResize()
    {
        random.manual_seed(19);
        using FerModel model = ModelCatalog.Create(ResNet18.NativeInputName);
        float[] pixels = SyntheticImages.Generate(Images, seed: 23);
        TestModels.Perturb(model, pixels, seed: 19);
        TestModels.SpreadLogits(model, pixels);
        string path = Path.Combine(_folder, $"{ResNet18.NativeInputName}.onnx");

        OnnxExporter.Export(model, new OnnxExportInfo { TrainingData = "synthetic", ValidationAccuracy = 0 }, path);
        using (var runner = new OnnxModelRunner(path))
        {
            ParityAssert.Matches(OnnxParityReport.Measure(model, runner, pixels, batchSize: 8), Images);
        }

        ModelProto onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(9, onnx.Graph.Node.Count(n => n.OpType == "Add"));
        Assert.DoesNotContain(onnx.Graph.Node, n => n.OpType == "Resize");
        Assert.Equal("Conv", onnx.Graph.Node[0].OpType);
    }

    [Fact]
    public void ExportedResNetReadsBackIntoTheSameFunction()
    {
        random.manual_seed(23);
        using FerModel model = ModelCatalog.Create(ResNet18.ThreeStageName);
        float[] pixels = SyntheticImages.Generate(Images, seed: 25);
        TestModels.Perturb(model, pixels, seed: 23);
        string path = Path.Combine(_folder, "round-trip.onnx");
        OnnxExporter.Export(model, new OnnxExportInfo { TrainingData = "synthetic", ValidationAccuracy = 0 }, path);
        using FerModel imported = ModelCatalog.Create(ResNet18.ThreeStageName);

        ImportedWeights read = OnnxWeightImport.ReadInto(path, imported);

        Assert.Equal(15, read.FoldedNorms.Count);
        model.eval();
        imported.eval();
        using Tensor faces = tensor(pixels).reshape(Images, 1, 48, 48);
        using (no_grad())
        {
            Assert.True(imported.forward(faces).allclose(model.forward(faces), rtol: 1e-4, atol: 1e-4));
        }
    }

    [Fact]
    public void ResidualBlocksWithIdentityAndProjectionShortcutsExportWithParity()
    {
        random.manual_seed(29);
        using var model = new FerModel(
            "custom-residual",
            [
                ("conv1", nn.Conv2d(1, 8, kernel_size: 3, stride: 2, padding: 1)),
                ("relu1", nn.ReLU()),
                ("identity", new ResidualBlock("identity", [("conv", nn.Conv2d(8, 8, kernel_size: 3, padding: 1)), ("bn", nn.BatchNorm2d(8))], [])),
                ("projection", new ResidualBlock(
                    "projection",
                    [("conv", nn.Conv2d(8, 16, kernel_size: 3, stride: 2, padding: 1, bias: false)), ("bn", nn.BatchNorm2d(16)), ("relu", nn.ReLU()), ("drop", nn.Dropout(0.5))],
                    [("shortcut_conv", nn.Conv2d(8, 16, kernel_size: 1, stride: 2, bias: false))])),
                ("gap", nn.AdaptiveAvgPool2d(1)),
                ("flatten", nn.Flatten()),
                ("fc", nn.Linear(16, 7)),
            ],
            []);
        float[] pixels = SyntheticImages.Generate(Images, seed: 31);
        TestModels.Perturb(model, pixels, seed: 29);
        TestModels.SpreadLogits(model, pixels);
        string path = Path.Combine(_folder, "custom-residual.onnx");

        OnnxExporter.Export(model, new OnnxExportInfo { TrainingData = "synthetic", ValidationAccuracy = 0 }, path);
        using var runner = new OnnxModelRunner(path);

        ParityAssert.Matches(OnnxParityReport.Measure(model, runner, pixels, batchSize: 8), Images);
        ModelProto onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        // The identity block adds its input to its folded convolution; the projection block its 1x1 convolution's output.
        Assert.Equal(["identity.bn", "relu1"], onnx.Graph.Node.Single(n => n.Name == "identity.add").Input);
        Assert.Equal(["projection.relu", "projection.shortcut_conv"], onnx.Graph.Node.Single(n => n.Name == "projection.add").Input);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
