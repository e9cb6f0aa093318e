using FerNet.Training.Export;
using FerNet.Training.Models;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Export;

/// <summary>The exporter walks any stack of supported layers, not only the catalogue's two.</summary>
public sealed class CustomArchitectureExportTests : IDisposable
{
    private const int Images = 32;

    private readonly string _folder = Directory.CreateTempSubdirectory("fernet-export-custom-").FullName;

    [Fact]
    public void UnusualLayerOrderExportsWithParityAndLeavesModelInTrainMode()
    {
        random.manual_seed(7);
        using var model = new FerModel(
            "custom",
            [
                ("norm_in", nn.BatchNorm2d(1)),
                ("conv1", nn.Conv2d(1, 6, kernel_size: 3, stride: 2, padding: 1)),
                ("drop1", nn.Dropout(0.5)),
                ("norm1", nn.BatchNorm2d(6, eps: 1e-3)),
                ("relu1", nn.ReLU()),
                ("conv2", nn.Conv2d(6, 8, kernel_size: 3, bias: false)),
                ("relu2", nn.ReLU()),
                ("pool", nn.MaxPool2d(2)),
                ("flatten", nn.Flatten()),
                ("fc", nn.Linear(8 * 11 * 11, 7, hasBias: false)),
            ],
            []);
        float[] pixels = SyntheticImages.Generate(Images, seed: 11);
        TestModels.Perturb(model, pixels, seed: 7);
        TestModels.SpreadLogits(model, pixels);
        string path = Path.Combine(_folder, "custom.onnx");

        OnnxExporter.Export(model, new OnnxExportInfo { TrainingData = "synthetic", ValidationAccuracy = 0 }, path);
        using var runner = new OnnxModelRunner(path);

        Assert.True(model.training);
        ParityAssert.Matches(OnnxParityReport.Measure(model, runner, pixels, batchSize: 8), Images);
        Assert.True(model.training);
        ModelProto onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(
            ["BatchNormalization", "Conv", "Relu", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Softmax"],
            onnx.Graph.Node.Select(n => n.OpType));
        Assert.Equal(["conv1.weight", "conv1.bias"], onnx.Graph.Node[1].Input.Skip(1));
        Assert.Equal(["conv2.weight"], onnx.Graph.Node[3].Input.Skip(1));
        Assert.Equal(["fc.weight"], onnx.Graph.Node[7].Input.Skip(1));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
