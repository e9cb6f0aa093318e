using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using FerNet.Core;
using FerNet.Tooling.Metrics;
using FerNet.Core.Models;
using FerNet.Inference;
using FerNet.Training.Tests.Torch;
using FerNet.Training.Cli;
using FerNet.Training.Data;
using FerNet.Training.Evaluation;
using FerNet.Training.Export;
using FerNet.Training.Models;
using FerNet.Training.Quantization;
using Google.Protobuf;
using Onnx;
using Xunit.Abstractions;

namespace FerNet.Training.Tests.Quantization;

/// <summary>`fernet quantize` on small generated models: the int8 model predicts like its float32 source and runs as integer kernels.</summary>
// The fixture seeds TorchSharp's process-wide generator and trains its models, as the serial collection's tests do.
[Collection(SerialTorchCollection.Name)]
public sealed class QuantizeCommandTests(QuantizationFixture fixture, ITestOutputHelper output) : IClassFixture<QuantizationFixture>
{
    /// <summary>The share of faces on which int8 and float32 must predict the same class.</summary>
    private const double RequiredAgreement = 0.99;

    public static TheoryData<string> Architectures => [.. ModelCatalog.Names];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void The_int8_model_predicts_like_its_float32_source_with_integer_convolutions(string architecture)
    {
        string source = fixture.FloatModels[architecture];
        string quantized = fixture.NewPath($"{architecture}-int8.onnx");

        int exitCode = Quantize("--model", source, "--data", fixture.DataRoot, "--out", quantized, "--calibration-images", "100", "--seed", "2", "--val-fraction", "0.2");

        Assert.Equal(0, exitCode);
        AssertAgreement(source, quantized);
        ModelProto written = ModelProto.Parser.ParseFrom(File.ReadAllBytes(quantized));
        Assert.Contains(written.Graph.Node, n => n.OpType == "QuantizeLinear");
        Assert.Contains(written.Graph.Node, n => n.OpType == "DequantizeLinear");
        Assert.Contains(written.Graph.Initializer, i => i.DataType == (int)TensorProto.Types.DataType.Int8);
        Assert.Empty(SaturationBound.Violations(written));
        int convolutions = ModelProto.Parser.ParseFrom(File.ReadAllBytes(source)).Graph.Node.Count(n => n.OpType == "Conv");
        IReadOnlyDictionary<string, int> optimized = OptimizedGraph.OperatorCounts(File.ReadAllBytes(quantized));
        output.WriteLine($"{architecture}: " + string.Join(", ", optimized.Select(p => $"{p.Key} x{p.Value}")));
        Assert.Equal(convolutions, optimized.GetValueOrDefault("QLinearConv") + optimized.GetValueOrDefault("ConvInteger"));
        Assert.False(optimized.ContainsKey("Conv"));
        Assert.False(optimized.ContainsKey("QGemm"), "the classifier head stays float32 unless --quantize-head");
        // A residual network's every Add runs on uint8 values too.
        int adds = ModelProto.Parser.ParseFrom(File.ReadAllBytes(source)).Graph.Node.Count(n => n.OpType == "Add");
        Assert.Equal(adds, optimized.GetValueOrDefault("QLinearAdd"));
        Assert.False(optimized.ContainsKey("Add"));
        // Every convolution's weight reaches it through a DequantizeLinear of an int8 initializer.
        Dictionary<string, TensorProto> initializers = written.Graph.Initializer.ToDictionary(i => i.Name);
        foreach (NodeProto conv in written.Graph.Node.Where(n => n.OpType == "Conv"))
        {
            NodeProto dequantize = Assert.Single(written.Graph.Node, n => n.Output.Contains(conv.Input[1]));
            Assert.Equal("DequantizeLinear", dequantize.OpType);
            Assert.Equal((int)TensorProto.Types.DataType.Int8, initializers[dequantize.Input[0]].DataType);
        }
    }

    [Fact]
    public void The_metadata_records_the_quantization_and_the_int8_models_own_validation_score()
    {
        string source = fixture.FloatModels[FerVggName];
        string quantized = fixture.NewPath("percentile-int8.onnx");

        int exitCode = Quantize("--model", source, "--data", fixture.DataRoot, "--out", quantized, "--calibration-images", "50", "--method", "percentile", "--percentile", "99.9");

        Assert.Equal(0, exitCode);
        using EmotionModel model = EmotionClassifier.Load(quantized);
        using EmotionModel float32 = EmotionClassifier.Load(source);
        Assert.Contains("int8", model.Metadata[ModelMetadataKeys.Quantization], StringComparison.Ordinal);
        Assert.Contains("percentile 99.9 over 50 FER2013 training images", model.Metadata[ModelMetadataKeys.Calibration], StringComparison.Ordinal);
        Assert.False(model.Metadata.ContainsKey(ModelMetadataKeys.TestAccuracy), "the data has no test split");
        Assert.False(model.Metadata.ContainsKey(ModelMetadataKeys.SourceTestAccuracy), "the data has no test split");
        Assert.Equal(FerVgg.Name, model.Metadata[ModelMetadataKeys.Architecture]);
        Assert.NotEqual(DateTimeOffset.Parse(model.Metadata[ModelMetadataKeys.CreatedUtc]), DateTimeOffset.Parse(float32.Metadata[ModelMetadataKeys.CreatedUtc]));
    }

    [Fact]
    public void The_metadata_names_the_float32_source_and_records_both_models_own_test_scores()
    {
        string source = fixture.FloatModels[FerVggName];
        string quantized = fixture.NewPath("tested-int8.onnx");

        int exitCode = Quantize("--model", source, "--data", fixture.DataRootWithTest, "--out", quantized, "--calibration-images", "50");

        Assert.Equal(0, exitCode);
        FaceDataset test = Fer2013.Load(fixture.DataRootWithTest, Fer2013Split.PublicTest);
        using EmotionModel model = EmotionClassifier.Load(quantized);
        using EmotionModel float32 = EmotionClassifier.Load(source);
        IReadOnlyDictionary<string, string> metadata = model.Metadata;
        Assert.Equal($"{Path.GetFileName(source)}, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(source)))}", metadata[ModelMetadataKeys.SourceModel]);
        Assert.Equal(OnnxModelEvaluation.Evaluate(model, test).Accuracy, Number(metadata, ModelMetadataKeys.TestAccuracy));
        Assert.Equal(OnnxModelEvaluation.Evaluate(float32, test).Accuracy, Number(metadata, ModelMetadataKeys.SourceTestAccuracy));
        FaceDataset train = Fer2013.Load(fixture.DataRootWithTest, Fer2013Split.Train);
        FaceDataset validation = train.Select(StratifiedSplit.Split(train, 0.1, 1).Validation);
        Assert.Equal(OnnxModelEvaluation.Evaluate(float32, validation).Accuracy, Number(metadata, ModelMetadataKeys.SourceValidationAccuracy));
        Assert.Equal(OnnxModelEvaluation.Evaluate(model, validation).Accuracy, Number(metadata, ModelMetadataKeys.ValidationAccuracy));
    }

    [Fact]
    public void The_classifier_head_quantizes_on_request()
    {
        string source = fixture.FloatModels[FerVggName];
        string quantized = fixture.NewPath("head-int8.onnx");

        int exitCode = Quantize("--model", source, "--data", fixture.DataRoot, "--out", quantized, "--calibration-images", "100", "--quantize-head");

        Assert.Equal(0, exitCode);
        AssertAgreement(source, quantized);
        IReadOnlyDictionary<string, int> optimized = OptimizedGraph.OperatorCounts(File.ReadAllBytes(quantized));
        Assert.True(optimized.ContainsKey("QGemm"), string.Join(", ", optimized.Keys));
        Assert.True(optimized.ContainsKey("QLinearGlobalAveragePool"), string.Join(", ", optimized.Keys));
    }

    [Fact]
    public void An_ensemble_quantizes_every_member()
    {
        List<(string, ModelProto)> members = [.. new[] { FerVggName, SeedCnn.Name }.Select(a => (fixture.FloatModels[a], OnnxEnsemble.ReadMember(fixture.FloatModels[a])))];
        string ensemble = fixture.NewPath("ensemble.onnx");
        File.WriteAllBytes(ensemble, OnnxEnsemble.Combine(members).ToByteArray());
        string quantized = fixture.NewPath("ensemble-int8.onnx");

        int exitCode = Quantize("--model", ensemble, "--data", fixture.DataRoot, "--out", quantized, "--calibration-images", "100");

        Assert.Equal(0, exitCode);
        AssertAgreement(ensemble, quantized);
        int convolutions = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ensemble)).Graph.Node.Count(n => n.OpType == "Conv");
        Assert.Equal(convolutions, OptimizedGraph.OperatorCounts(File.ReadAllBytes(quantized)).GetValueOrDefault("QLinearConv"));
    }

    [Fact]
    public void A_layer_kept_in_float32_stays_a_float_convolution()
    {
        string source = fixture.FloatModels[FerVggName];
        string firstConv = ModelProto.Parser.ParseFrom(File.ReadAllBytes(source)).Graph.Node.First(n => n.OpType == "Conv").Name;
        string quantized = fixture.NewPath("keep-first-int8.onnx");

        int exitCode = Quantize("--model", source, "--data", fixture.DataRoot, "--out", quantized, "--calibration-images", "50", "--keep-float", firstConv);

        Assert.Equal(0, exitCode);
        IReadOnlyDictionary<string, int> optimized = OptimizedGraph.OperatorCounts(File.ReadAllBytes(quantized));
        Assert.True(optimized.ContainsKey("Conv") || optimized.ContainsKey("FusedConv"), string.Join(", ", optimized.Keys));
        using EmotionModel model = EmotionClassifier.Load(quantized);
        Assert.Contains(firstConv, model.Metadata[ModelMetadataKeys.Quantization], StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_loses_more_than_the_bound_on_validation_is_refused_and_one_within_it_is_not()
    {
        Emotion[] truth = [.. Enumerable.Range(0, 200).Select(i => (Emotion)(i % EmotionLabels.Count))];
        ClassificationReport source = ClassificationReport.FromPredictions(truth, truth);
        // 199 of 200 right loses 0.5 points; 198 of 200 loses 1.
        ClassificationReport halfPointLess = ClassificationReport.FromPredictions(truth, [Emotion.Happy, .. truth[1..]]);
        ClassificationReport onePointLess = ClassificationReport.FromPredictions(truth, [Emotion.Happy, Emotion.Happy, .. truth[2..]]);

        QuantizeCommand.RequireLossWithin(QuantizeCommand.DefaultMaxValidationLoss, source, halfPointLess, "m.onnx", "m-int8.onnx");
        QuantizationLossException error = Assert.Throws<QuantizationLossException>(
            () => QuantizeCommand.RequireLossWithin(QuantizeCommand.DefaultMaxValidationLoss, source, onePointLess, "m.onnx", "m-int8.onnx"));

        Assert.Equal("The int8 model of m.onnx loses 1.00 points on the validation split (100.00 % → 99.00 %), more than --max-validation-loss 0.5; m-int8.onnx was not written.", error.Message);
    }

    [Fact]
    public void A_loss_bound_outside_0_to_100_points_is_refused()
    {
        string output = fixture.NewPath("never.onnx");

        ArgumentException error = Assert.Throws<ArgumentException>(() => Quantize("--model", fixture.FloatModels[FerVggName], "--data", fixture.DataRoot, "--out", output, "--max-validation-loss", "-1"));

        Assert.Contains("--max-validation-loss", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void An_unknown_method_is_refused_by_name()
    {
        string output = fixture.NewPath("never.onnx");

        ArgumentException error = Assert.Throws<ArgumentException>(() => Quantize("--model", fixture.FloatModels[FerVggName], "--data", fixture.DataRoot, "--out", output, "--method", "entropy"));

        Assert.Contains("'entropy'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Missing_data_is_refused_with_its_path()
    {
        string missing = fixture.NewPath("no-fer2013");
        string output = fixture.NewPath("never.onnx");

        DirectoryNotFoundException error = Assert.Throws<DirectoryNotFoundException>(() => Quantize("--model", fixture.FloatModels[FerVggName], "--data", missing, "--out", output));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_file_that_is_not_a_FerNet_model_is_refused_with_its_path()
    {
        string notOnnx = fixture.NewPath("notes.onnx");
        File.WriteAllText(notOnnx, "not a model");
        var foreign = new ModelProto { Graph = new GraphProto { Name = "foreign", Input = { new ValueInfoProto { Name = "x" } } } };
        string foreignPath = fixture.NewPath("foreign.onnx");
        File.WriteAllBytes(foreignPath, foreign.ToByteArray());
        string output = fixture.NewPath("never.onnx");

        InvalidModelException notOnnxError = Assert.Throws<InvalidModelException>(() => Quantize("--model", notOnnx, "--data", fixture.DataRoot, "--out", output));
        InvalidModelException foreignError = Assert.Throws<InvalidModelException>(() => Quantize("--model", foreignPath, "--data", fixture.DataRoot, "--out", output));

        Assert.Contains(notOnnx, notOnnxError.Message, StringComparison.Ordinal);
        Assert.Contains(foreignPath, foreignError.Message, StringComparison.Ordinal);
        Assert.Contains("not a FerNet model", foreignError.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void An_int8_model_is_not_quantized_again()
    {
        string once = fixture.NewPath("once.onnx");
        Assert.Equal(0, Quantize("--model", fixture.FloatModels[FerVggName], "--data", fixture.DataRoot, "--out", once, "--calibration-images", "20"));

        InvalidModelException error = Assert.Throws<InvalidModelException>(() => Quantize("--model", once, "--data", fixture.DataRoot, "--out", fixture.NewPath("twice.onnx")));

        Assert.Contains("already quantized", error.Message, StringComparison.Ordinal);
    }

    private const string FerVggName = FerVgg.Name;

    private void AssertAgreement(string floatPath, string int8Path)
    {
        using EmotionModel float32 = EmotionClassifier.Load(floatPath);
        using EmotionModel int8 = EmotionClassifier.Load(int8Path);
        int agree = fixture.Faces.Count(face => float32.PredictPixels(face).Emotion == int8.PredictPixels(face).Emotion);
        double share = (double)agree / fixture.Faces.Count;
        output.WriteLine($"{Path.GetFileName(int8Path)}: int8 agrees with float32 on {agree} of {fixture.Faces.Count} faces ({share:P2}).");
        Assert.True(share >= RequiredAgreement, $"int8 agrees with float32 on {share:P2} of the faces; at least {RequiredAgreement:P0} required.");
    }

    private static double Number(IReadOnlyDictionary<string, string> metadata, string key) =>
        double.Parse(metadata[key], CultureInfo.InvariantCulture);

    private static int Quantize(params string[] arguments) =>
        new RootCommand { QuantizeCommand.Create() }
            .Parse(["quantize", .. arguments])
            .Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = TextWriter.Null, Error = TextWriter.Null });
}
