using FerNet.Inference;
using FerNet.Training.Tests.Export;
using FerNet.Training.Tests.Torch;
using FerNet.Training.Import;
using FerNet.Training.Models;
using Onnx;
using Google.Protobuf;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Import;

[Collection(SerialTorchCollection.Name)]
public sealed class ImageNetResNetImportTests : IDisposable
{
    private static readonly float[] ChannelMeans = [103.1f, 115.9f, 123.2f];

    private readonly string _folder = Directory.CreateTempSubdirectory("fernet-imagenet-import-").FullName;

    [Fact]
    public void GeneratedPackageFileMapsEveryTensorByFollowingTheGraph()
    {
        (string path, FerModel source, Tensor stem) = Generate(ResNet18.Name, seed: 3);
        using (source)
        using (stem)
        using (FerModel model = ModelCatalog.Create(ResNet18.Name))
        {
            ImportedWeights imported = OnnxWeightImport.ReadInto(path, model);

            Assert.Contains("110 of 110 tensors", imported.Architecture, StringComparison.Ordinal);
            Assert.Equal(["fc"], imported.FreshLayers);
            var expected = source.state_dict();
            foreach ((string name, Tensor value) in model.state_dict())
            {
                // The classifier starts fresh; the stem is folded, as checked below.
                string layer = name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..];
                if (layer.StartsWith("fc.", StringComparison.Ordinal) || layer.EndsWith("num_batches_tracked", StringComparison.Ordinal) || layer.StartsWith("conv1.", StringComparison.Ordinal) || layer == "bn1.running_mean")
                {
                    continue;
                }

                Assert.True(value.allclose(expected[name], rtol: 0, atol: 0), $"{name} differs from the file's tensor.");
            }

            var conv1 = (Conv2d)model.Layers.Single(l => l.Name == "conv1").Layer;
            Assert.True(conv1.weight!.allclose(stem.sum(1, keepdim: true) * 255, rtol: 1e-6, atol: 1e-5));
        }
    }

    [Fact]
    public void GrayNetworkAgreesWithTheThreeChannelOriginalOnReplicatedGray()
    {
        (string path, FerModel source, Tensor stem) = Generate(ResNet18.Name, seed: 5);
        source.Dispose();
        stem.Dispose();
        using FerModel model = ModelCatalog.Create(ResNet18.Name);
        OnnxWeightImport.ReadInto(path, model);
        using Tensor faces = tensor(SyntheticImages.Generate(3, seed: 9)).reshape(3, 1, 48, 48);

        (float[] reference, float[] gray) = GrayParityReference.Features(path, ChannelMeans, model, faces);

        double difference = GrayParityReference.RelativeDifference(gray, reference);
        Assert.True(difference < 1e-4, $"relative difference {difference:G3}");
    }

    [Fact]
    public void ThreeStageNetworkReadsTheFirstSixBlocks()
    {
        (string path, FerModel source, Tensor stem) = Generate(ResNet18.Name, seed: 6);
        source.Dispose();
        stem.Dispose();
        using FerModel truncated = ModelCatalog.Create(ResNet18.ThreeStageName);
        using FerModel full = ModelCatalog.Create(ResNet18.Name);
        OnnxWeightImport.ReadInto(path, full);
        using Tensor faces = tensor(SyntheticImages.Generate(2, seed: 10)).reshape(2, 1, 48, 48);

        ImportedWeights imported = OnnxWeightImport.ReadInto(path, truncated);

        // 1 + 6 x 2 + 2 shortcut pairs of Conv and BatchNorm: 15 x 5 tensors of the file's 110.
        Assert.Contains("75 of 110 tensors", imported.Architecture, StringComparison.Ordinal);
        Assert.True(Features(truncated, faces).allclose(Features(full, faces, stopAt: "layer4_0"), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void AFileWhoseShapesDifferIsRefusedWithTheTensorsName()
    {
        (string path, FerModel source, Tensor stem) = Generate(ResNet18.Name, seed: 4);
        source.Dispose();
        stem.Dispose();
        ModelProto onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        TensorProto altered = onnx.Graph.Initializer.First(t => t.Dims.SequenceEqual([128L, 128, 3, 3]));
        altered.Dims.Clear();
        altered.Dims.AddRange([128L, 64, 3, 6]);
        File.WriteAllBytes(path, onnx.ToByteArray());
        using FerModel model = ModelCatalog.Create(ResNet18.Name);

        var error = Assert.Throws<InvalidModelException>(() => OnnxWeightImport.ReadInto(path, model));

        Assert.Contains($"'{altered.Name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[128, 64, 3, 6]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherArchitecturesAreRefused()
    {
        (string path, FerModel source, Tensor stem) = Generate(ResNet18.Name, seed: 4);
        source.Dispose();
        stem.Dispose();
        using FerModel model = ModelCatalog.Create(FerVgg.Name);

        var error = Assert.Throws<InvalidModelException>(() => OnnxWeightImport.ReadInto(path, model));

        Assert.Contains("--arch resnet18", error.Message, StringComparison.Ordinal);
        Assert.Equal(ResNet18.Name, OnnxWeightImport.ReadArchitecture(path, null));
    }

    [Fact]
    public void PackageFileImportsAndAgreesWithOnnxRuntime()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");
        Assert.True(File.Exists(path), $"{path} is missing: FerNet.Training copies it from the Microsoft.ML.DnnImageFeaturizer.ResNet18 package at build time.");
        using FerModel model = ModelCatalog.Create(ResNet18.Name);

        ImportedWeights imported = OnnxWeightImport.ReadInto(path, model);

        Assert.Contains("110 of 110 tensors", imported.Architecture, StringComparison.Ordinal);
        ModelProto preprocess = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(path)!, ImageNetResNetImport.PreprocessRelativePath)));
        TensorProto mean = preprocess.Graph.Initializer.Single(t => t.Name == "MeanImage");
        int plane = mean.FloatData.Count / 3;
        float[] means = [.. Enumerable.Range(0, 3).Select(c => (float)mean.FloatData.Skip(c * plane).Take(plane).Average(v => (double)v))];
        using Tensor faces = tensor(SyntheticImages.Generate(2, seed: 13)).reshape(2, 1, 48, 48);

        (float[] reference, float[] gray) = GrayParityReference.Features(path, means, model, faces);

        Assert.True(GrayParityReference.RelativeDifference(gray, reference) < 1e-4, $"relative difference {GrayParityReference.RelativeDifference(gray, reference):G3}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Tensor Features(FerModel model, Tensor faces, string stopAt = "gap")
    {
        model.eval();
        Tensor x = faces;
        using (no_grad())
        {
            foreach ((string _, nn.Module layer) in model.Layers.TakeWhile(l => l.Name != stopAt))
            {
                x = ((nn.Module<Tensor, Tensor>)layer).forward(x);
            }
        }

        return x;
    }

    /// <summary>A package-like file from a random <paramref name="architecture"/> with spread BatchNorm statistics.</summary>
    private (string Path, FerModel Source, Tensor Stem) Generate(string architecture, int seed)
    {
        random.manual_seed(seed);
        FerModel source = ModelCatalog.Create(architecture);
        using (no_grad())
        {
            foreach (BatchNorm2d norm in source.modules().OfType<BatchNorm2d>())
            {
                norm.weight!.uniform_(0.5, 1.5);
                norm.bias!.uniform_(-0.2, 0.2);
                norm.running_mean!.uniform_(-0.5, 0.5);
                norm.running_var!.uniform_(0.5, 2);
            }
        }

        Tensor stem = randn(64, 3, 7, 7) * 0.01;
        string folder = Path.Combine(_folder, $"package-{seed}");
        return (CntkResNetFile.Write(folder, source, stem, ChannelMeans), source, stem);
    }
}
