using FerNet.Training.Export;
using FerNet.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Export;

public sealed class OnnxExporterFailureTests : IDisposable
{
    private static readonly OnnxExportInfo Info = new() { TrainingData = "nothing", ValidationAccuracy = 0.5 };

    private readonly string _folder = Directory.CreateTempSubdirectory("fernet-export-failures-").FullName;

    [Fact]
    public void UnsupportedLayerIsNamedAndNothingIsWritten()
    {
        using FerModel model = Model(("conv", nn.Conv2d(1, 7, 48)), ("squash", nn.Tanh()), ("flatten", nn.Flatten()));
        string path = Path.Combine(_folder, "model.onnx");

        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(model, Info, path));

        Assert.Contains("'squash'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tanh", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void FailedExportLeavesExistingTargetUntouched()
    {
        using FerModel model = Model(("conv", nn.Conv2d(1, 7, 48)), ("squash", nn.Sigmoid()), ("flatten", nn.Flatten()));
        string path = Path.Combine(_folder, "model.onnx");
        byte[] previous = [1, 2, 3, 4, 5];
        File.WriteAllBytes(path, previous);

        Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(model, Info, path));

        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void FailureWhileReplacingTargetRemovesTemporaryFile()
    {
        using FerModel model = Model(("conv", nn.Conv2d(1, 7, 48)), ("flatten", nn.Flatten()));
        string path = Path.Combine(_folder, "model.onnx");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => OnnxExporter.Export(model, Info, path));

        Assert.Equal([path], Directory.EnumerateFileSystemEntries(_folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(path));
    }

    [Fact]
    public void ModelWithoutSevenLogitsIsRejected()
    {
        using FerModel model = Model(("conv", nn.Conv2d(1, 5, 48)), ("flatten", nn.Flatten()));
        string path = Path.Combine(_folder, "model.onnx");

        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(model, Info, path));

        Assert.Contains("[1, 5]", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void BatchNormWithoutRunningStatisticsIsRejected()
    {
        using FerModel model = Model(("norm", nn.BatchNorm2d(1, track_running_stats: false)), ("conv", nn.Conv2d(1, 7, 48)), ("flatten", nn.Flatten()));

        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.Build(model, Info));

        Assert.Contains("'norm'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PartialAdaptivePoolingIsRejected()
    {
        using FerModel model = Model(("conv", nn.Conv2d(1, 7, 3)), ("pool", nn.AdaptiveAvgPool2d(2)), ("flatten", nn.Flatten()), ("fc", nn.Linear(28, 7)));

        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.Build(model, Info));

        Assert.Contains("'pool'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LayerNamedLikeGraphOutputIsRejected()
    {
        using FerModel model = Model(("conv", nn.Conv2d(1, 7, 48)), ("logits", nn.Flatten()));

        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.Build(model, Info));

        Assert.Contains("'logits'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static FerModel Model(params (string Name, nn.Module<Tensor, Tensor> Layer)[] layers) => new("test-net", layers, []);
}
