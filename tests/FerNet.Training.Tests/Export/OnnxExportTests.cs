using FerNet.Core;
using FerNet.Core.Models;
using FerNet.Training.Export;
using FerNet.Training.Models;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using TorchSharp.Modules;
using Xunit.Abstractions;

namespace FerNet.Training.Tests.Export;

public sealed class OnnxExportTests(ExportedModelsFixture fixture, ITestOutputHelper output) : IClassFixture<ExportedModelsFixture>
{
    public static TheoryData<string, bool> Models()
    {
        var data = new TheoryData<string, bool>();
        foreach (string architecture in ModelCatalog.Names)
        {
            data.Add(architecture, false);
            data.Add(architecture, true);
        }

        return data;
    }

    public static TheoryData<string, bool, int> ModelsAndBatchSizes()
    {
        var data = new TheoryData<string, bool, int>();
        foreach (string architecture in ModelCatalog.Names)
        {
            foreach (bool perturbed in new[] { false, true })
            {
                data.Add(architecture, perturbed, 1);
                data.Add(architecture, perturbed, 64);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsAndBatchSizes))]
    public void OnnxRuntimeReproducesTorchSharpEvalOutputs(string architecture, bool perturbed, int batchSize)
    {
        ExportedModel exported = fixture[architecture, perturbed];

        ClassScores onnx = exported.Runner.Score(fixture.Pixels, batchSize);

        OnnxParityReport report = OnnxParityReport.Compare(exported.Reference, onnx);
        output.WriteLine(report.ToString());
        ParityAssert.Matches(report, ExportedModelsFixture.ImageCount);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ParityImagesGiveDistinctOutputs(string architecture, bool perturbed)
    {
        // Parity to 1e-4 only means something if the reference itself varies by far more than that.
        ClassScores reference = fixture[architecture, perturbed].Reference;

        double spread = Enumerable.Range(0, EmotionLabels.Count)
            .Max(c => Enumerable.Range(0, reference.Count).Max(i => reference.Probabilities[i * EmotionLabels.Count + c])
                    - Enumerable.Range(0, reference.Count).Min(i => reference.Probabilities[i * EmotionLabels.Count + c]));

        Assert.True(spread > 0.01, $"Probabilities vary by only {spread:G3} across the parity images.");
    }

    [Fact]
    public void PerturbedModelsHaveNonTrivialBatchNormStatistics()
    {
        foreach (string architecture in ModelCatalog.Names)
        {
            BatchNorm2d norm = fixture[architecture, true].Model.Layers.Select(l => l.Layer).OfType<BatchNorm2d>().First();

            Assert.True(norm.running_mean!.abs().max().item<float>() > 0.1f, $"{architecture}: running mean still near zero.");
            Assert.True((norm.running_var! - 1).abs().max().item<float>() > 0.1f, $"{architecture}: running variance still near one.");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void OnnxRuntimeSeesInputAndOutputsWithSymbolicBatch(string architecture, bool perturbed)
    {
        OnnxModelRunner runner = fixture[architecture, perturbed].Runner;

        var input = Assert.Single(runner.Inputs);
        Assert.Equal(FaceInputContract.InputName, input.Key);
        Assert.Equal(TensorElementType.Float, input.Value.ElementDataType);
        Assert.Equal([-1, 1, 48, 48], input.Value.Dimensions);
        Assert.Equal(OnnxGraphWriter.BatchDimension, input.Value.SymbolicDimensions[0]);

        Assert.Equal([FaceInputContract.LogitsName, FaceInputContract.OutputName], runner.Outputs.Keys.Order(StringComparer.Ordinal));
        foreach (var output in runner.Outputs.Values)
        {
            Assert.Equal(TensorElementType.Float, output.ElementDataType);
            Assert.Equal([-1, EmotionLabels.Count], output.Dimensions);
            Assert.Equal(OnnxGraphWriter.BatchDimension, output.SymbolicDimensions[0]);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void FileDeclaresOpsetIrVersionAndGraphSignature(string architecture, bool perturbed)
    {
        ModelProto onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(fixture[architecture, perturbed].Path));

        Assert.Equal(OnnxExporter.IrVersion, onnx.IrVersion);
        var opset = Assert.Single(onnx.OpsetImport);
        Assert.Equal("", opset.Domain);
        Assert.Equal(26, opset.Version);
        Assert.Equal("FerNet", onnx.ProducerName);

        var input = Assert.Single(onnx.Graph.Input);
        Assert.Equal("input", input.Name);
        Assert.Equal(["batch", "1", "48", "48"], Dimensions(input));
        Assert.Equal(["probabilities", "logits"], onnx.Graph.Output.Select(o => o.Name));
        Assert.All(onnx.Graph.Output, output => Assert.Equal(["batch", "7"], Dimensions(output)));
        Assert.Equal("Softmax", onnx.Graph.Node[^1].OpType);
        Assert.Equal(1, Assert.Single(onnx.Graph.Node[^1].Attribute, a => a.Name == "axis").I);
    }

    [Fact]
    public void SeedCnnKeepsBatchNormAfterReluAsNodes()
    {
        ModelProto onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(fixture[SeedCnn.Name, true].Path));

        string[] block = ["Conv", "Relu", "Conv", "Relu", "BatchNormalization", "MaxPool"];
        Assert.Equal([.. block, .. block, .. block, "Flatten", "Gemm", "Relu", "Gemm", "Softmax"], onnx.Graph.Node.Select(n => n.OpType));
    }

    [Fact]
    public void FerVggFoldsEveryBatchNormIntoItsConvolution()
    {
        ModelProto onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(fixture[FerVgg.Name, true].Path));

        string[] stage = ["Conv", "Relu", "Conv", "Relu", "MaxPool"];
        Assert.Equal([.. stage, .. stage, .. stage, .. stage, "GlobalAveragePool", "Flatten", "Gemm", "Softmax"], onnx.Graph.Node.Select(n => n.OpType));
        Assert.All(onnx.Graph.Node.Where(n => n.OpType == "Conv"), conv => Assert.Equal(3, conv.Input.Count));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void MetadataRoundTripsThroughOnnxRuntime(string architecture, bool perturbed)
    {
        ExportedModel exported = fixture[architecture, perturbed];
        IReadOnlyDictionary<string, string> metadata = exported.Runner.Metadata;

        Assert.Equal("FerNet", exported.Runner.ProducerName);
        Assert.Equal("angry,disgust,fear,happy,neutral,sad,surprise", metadata[ModelMetadataKeys.Labels]);
        Assert.Equal("48x48x1", metadata[ModelMetadataKeys.InputSize]);
        Assert.Equal("pixel/255", metadata[ModelMetadataKeys.Normalization]);
        Assert.Equal(architecture, metadata[ModelMetadataKeys.Architecture]);
        Assert.Equal(exported.Info.TrainingData, metadata[ModelMetadataKeys.TrainingData]);
        Assert.Equal(exported.Info.ValidationAccuracy, double.Parse(metadata[ModelMetadataKeys.ValidationAccuracy], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.0.0-test", metadata[ModelMetadataKeys.FerNetVersion]);
        Assert.Equal("2025-01-31T12:30:15Z", metadata[ModelMetadataKeys.CreatedUtc]);
        if (perturbed)
        {
            Assert.Equal(exported.Info.TestAccuracy, double.Parse(metadata[ModelMetadataKeys.TestAccuracy], System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            Assert.False(metadata.ContainsKey(ModelMetadataKeys.TestAccuracy));
        }
    }

    [Fact]
    public void ExportLeavesNoTemporaryFiles()
    {
        Assert.Equal(
            ModelCatalog.Names.SelectMany(a => new[] { $"{a}-initial.onnx", $"{a}-perturbed.onnx" }).Order(),
            Directory.GetFiles(fixture.Folder).Select(Path.GetFileName).Order());
    }

    private static IEnumerable<string> Dimensions(ValueInfoProto value) =>
        value.Type.TensorType.Shape.Dim.Select(d => d.DimParam.Length > 0 ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
