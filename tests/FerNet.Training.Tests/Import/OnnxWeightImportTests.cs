using FerNet.Core;
using FerNet.Core.Models;
using FerNet.Inference;
using FerNet.Training.Tests.Export;
using FerNet.Training.Tests.Torch;
using FerNet.Training.Export;
using FerNet.Training.Import;
using FerNet.Training.Models;
using Google.Protobuf;
using Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Import;

/// <summary>Exported models read back into TorchSharp: same outputs, and BatchNorm statistics that let training go on.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class OnnxWeightImportTests : IClassFixture<EnsembleMembersFixture>
{
    private readonly EnsembleMembersFixture _members;

    public OnnxWeightImportTests(EnsembleMembersFixture members) => _members = members;

    [Theory]
    [InlineData(0, FerVgg.Name)]
    [InlineData(1, SeedCnn.Name)]
    public void A_reimported_model_computes_what_was_exported(int index, string architecture)
    {
        using FerModel model = ModelCatalog.Create(architecture);
        ImportedWeights imported = OnnxWeightImport.ReadInto(_members.Paths[index], model);
        using (Tensor images = Images(_members.Pixels))
        {
            FoldedNormCalibration.Calibrate(model, imported.FoldedNorms, images);
        }

        ClassScores reimported = TorchReference.Score(model, _members.Pixels, 16);
        using var exported = new OnnxModelRunner(_members.Paths[index]);
        ClassScores expected = exported.Score(_members.Pixels, 16);

        Assert.Equal(architecture, imported.Architecture);
        Assert.Equal(architecture == FerVgg.Name ? 8 : 0, imported.FoldedNorms.Count);
        for (int i = 0; i < expected.Logits.Count; i++)
        {
            Assert.True(Math.Abs(expected.Logits[i] - reimported.Logits[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected.Logits[i])), $"logit {i}: exported {expected.Logits[i]}, re-imported {reimported.Logits[i]}");
            Assert.True(Math.Abs(expected.Probabilities[i] - reimported.Probabilities[i]) <= 1e-5, $"probability {i}: exported {expected.Probabilities[i]}, re-imported {reimported.Probabilities[i]}");
        }
    }

    [Fact]
    public void Calibrated_folded_norms_make_training_mode_compute_what_eval_mode_does()
    {
        using FerModel model = ModelCatalog.Create(FerVgg.Name);
        ImportedWeights imported = OnnxWeightImport.ReadInto(_members.Paths[0], model);
        using Tensor images = Images(_members.Pixels);
        double before = TrainVersusEvalGap(model, images);

        FoldedNormCalibration.Calibrate(model, imported.FoldedNorms, images);
        double after = TrainVersusEvalGap(model, images);

        // Uncalibrated, training-mode BatchNorm rescales every channel to unit variance; calibrated, it
        // normalises with the statistics it was given, so only the biased/unbiased variance differs.
        Assert.True(before > 0.1, $"Before calibration training and eval mode differ by only {before}: the check would not see a fault.");
        Assert.True(after < 1e-4, $"After calibration training and eval mode differ by {after}.");
    }

    [Fact]
    public void An_ensemble_member_is_read_by_its_position()
    {
        string ensemblePath = _members.NewPath("ensemble-import.onnx");
        ModelProto ensemble = OnnxEnsemble.Combine([.. _members.Paths.Select(p => (p, OnnxEnsemble.ReadMember(p)))]);
        File.WriteAllBytes(ensemblePath, ensemble.ToByteArray());

        Assert.Equal(SeedCnn.Name, OnnxWeightImport.ReadArchitecture(ensemblePath, 1));
        using FerModel model = ModelCatalog.Create(SeedCnn.Name);
        OnnxWeightImport.ReadInto(ensemblePath, model, member: 1);
        ClassScores reimported = TorchReference.Score(model, _members.Pixels, 16);
        using var member = new OnnxModelRunner(_members.Paths[1]);
        ClassScores expected = member.Score(_members.Pixels, 16);
        Assert.All(Enumerable.Range(0, expected.Logits.Count), i => Assert.Equal(expected.Logits[i], reimported.Logits[i], 1e-5));

        var noMember = Assert.Throws<InvalidModelException>(() => OnnxWeightImport.ReadInto(ensemblePath, model));
        Assert.Contains("--init-member 0..1", noMember.Message);
        Assert.Throws<InvalidModelException>(() => OnnxWeightImport.ReadInto(ensemblePath, model, member: 2));
        using FerModel vgg = ModelCatalog.Create(FerVgg.Name);
        var single = Assert.Throws<InvalidModelException>(() => OnnxWeightImport.ReadInto(_members.Paths[0], vgg, member: 0));
        Assert.Contains("not an ensemble", single.Message);
    }

    [Fact]
    public void A_model_of_another_architecture_is_refused_naming_both()
    {
        using FerModel model = ModelCatalog.Create(FerVgg.DenseHeadName);
        var error = Assert.Throws<InvalidModelException>(() => OnnxWeightImport.ReadInto(_members.Paths[0], model));
        Assert.Contains(_members.Paths[0], error.Message);
        Assert.Contains($"is a {FerVgg.Name} model", error.Message);
        Assert.Contains(FerVgg.DenseHeadName, error.Message);
    }

    [Fact]
    public void A_five_stage_model_grows_from_a_fer_vgg_reading_its_four_stages()
    {
        using FerModel source = ModelCatalog.Create(FerVgg.Name);
        OnnxWeightImport.ReadInto(_members.Paths[0], source);
        random.manual_seed(41);
        using FerModel grown = ModelCatalog.Create(FerVgg.FiveStageName);
        random.manual_seed(41);
        using FerModel untouched = ModelCatalog.Create(FerVgg.FiveStageName);

        ImportedWeights imported = OnnxWeightImport.ReadInto(_members.Paths[0], grown);

        Assert.Equal(FerVgg.Name, imported.Architecture);
        Assert.Equal(["conv_s5c1", "bn_s5c1", "conv_s5c2", "bn_s5c2", "fc"], imported.FreshLayers);
        Assert.Equal(8, imported.FoldedNorms.Count);
        Dictionary<string, Tensor> read = source.state_dict();
        Dictionary<string, Tensor> fresh = untouched.state_dict();
        int shared = 0;
        foreach ((string name, Tensor value) in grown.state_dict())
        {
            bool fromSource = name.Contains(".conv_s", StringComparison.Ordinal) || name.Contains(".bn_s", StringComparison.Ordinal);
            fromSource &= !name.Contains("_s5", StringComparison.Ordinal);
            Tensor expected = fromSource ? read[name] : fresh[name];
            Assert.True(value.eq(expected).all().item<bool>(), $"{name} should equal the {(fromSource ? "fer-vgg's" : "fresh model's")}");
            shared += fromSource ? 1 : 0;
        }

        Assert.True(shared >= 8 * 2, $"only {shared} tensors came from the fer-vgg");
    }

    [Fact]
    public void A_model_cannot_shrink_or_grow_from_an_unrelated_architecture()
    {
        using FerModel fiveStageFromSeed = ModelCatalog.Create(FerVgg.FiveStageName);
        var fromSeed = Assert.Throws<InvalidModelException>(() => OnnxWeightImport.ReadInto(_members.Paths[1], fiveStageFromSeed));
        Assert.Contains($"is a {SeedCnn.Name} model", fromSeed.Message);

        string fiveStage = _members.NewPath("fer-vgg5.onnx");
        using (FerModel model = ModelCatalog.Create(FerVgg.FiveStageName))
        {
            OnnxExporter.Export(model, new OnnxExportInfo { TrainingData = "five-stage", ValidationAccuracy = 0.5 }, fiveStage);
        }

        using FerModel vgg = ModelCatalog.Create(FerVgg.Name);
        var shrink = Assert.Throws<InvalidModelException>(() => OnnxWeightImport.ReadInto(fiveStage, vgg));
        Assert.Contains($"is a {FerVgg.FiveStageName} model", shrink.Message);
    }

    [Fact]
    public void A_reimported_five_stage_model_computes_what_was_exported()
    {
        string path = _members.NewPath("fer-vgg5-trained.onnx");
        random.manual_seed(43);
        using (FerModel trained = ModelCatalog.Create(FerVgg.FiveStageName))
        {
            TestModels.Perturb(trained, _members.Pixels, 43);
            TestModels.SpreadLogits(trained, _members.Pixels);
            OnnxExporter.Export(trained, new OnnxExportInfo { TrainingData = "five-stage", ValidationAccuracy = 0.5 }, path);
        }

        using FerModel model = ModelCatalog.Create(FerVgg.FiveStageName);
        ImportedWeights imported = OnnxWeightImport.ReadInto(path, model);

        ClassScores reimported = TorchReference.Score(model, _members.Pixels, 16);
        using var exported = new OnnxModelRunner(path);
        ClassScores expected = exported.Score(_members.Pixels, 16);
        Assert.Empty(imported.FreshLayers);
        Assert.Equal(10, imported.FoldedNorms.Count);
        for (int i = 0; i < expected.Logits.Count; i++)
        {
            // Ten folded convolutions, up to 4,608 products per sum, reorder more float32 rounding
            // than fer-vgg's eight: the logits agree to 5e-5, the probabilities to 1e-5.
            Assert.True(Math.Abs(expected.Logits[i] - reimported.Logits[i]) <= 5e-5 * Math.Max(1, Math.Abs(expected.Logits[i])), $"logit {i}: exported {expected.Logits[i]}, re-imported {reimported.Logits[i]}");
            Assert.True(Math.Abs(expected.Probabilities[i] - reimported.Probabilities[i]) <= 1e-5, $"probability {i}: exported {expected.Probabilities[i]}, re-imported {reimported.Probabilities[i]}");
        }
    }

    [Fact]
    public void A_tensor_of_another_shape_is_refused_naming_it()
    {
        ModelProto onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_members.Paths[0]));
        TensorProto fc = onnx.Graph.Initializer.Single(t => t.Name == "fc.weight");
        fc.Dims[0] = 6;
        fc.RawData = ByteString.CopyFrom(new byte[6 * 256 * sizeof(float)]);
        string path = _members.NewPath("reshaped.onnx");
        File.WriteAllBytes(path, onnx.ToByteArray());

        using FerModel model = ModelCatalog.Create(FerVgg.Name);
        var error = Assert.Throws<InvalidModelException>(() => OnnxWeightImport.ReadInto(path, model));
        Assert.Contains("'fc.weight' is [6, 256]", error.Message);
    }

    [Fact]
    public void A_quantized_model_is_refused()
    {
        ModelProto onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_members.Paths[0]));
        onnx.MetadataProps.Add(new StringStringEntryProto { Key = ModelMetadataKeys.Quantization, Value = "int8 QDQ" });
        string path = _members.NewPath("quantized.onnx");
        File.WriteAllBytes(path, onnx.ToByteArray());

        using FerModel model = ModelCatalog.Create(FerVgg.Name);
        var error = Assert.Throws<InvalidModelException>(() => OnnxWeightImport.ReadInto(path, model));
        Assert.Contains("quantized", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_refused_naming_it()
    {
        string path = _members.NewPath("not-a-model.onnx");
        File.WriteAllText(path, "angry,disgust\n");
        using FerModel model = ModelCatalog.Create(FerVgg.Name);
        var error = Assert.Throws<InvalidModelException>(() => OnnxWeightImport.ReadInto(path, model));
        Assert.Contains(path, error.Message);
    }

    /// <summary>Largest difference between training-mode (dropout off) and eval-mode logits.</summary>
    private static double TrainVersusEvalGap(FerModel model, Tensor images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        Tensor evaluated = model.forward(images);
        model.train();
        foreach ((string _, nn.Module layer) in model.Layers.Where(l => l.Layer is Dropout))
        {
            layer.eval();
        }

        // BatchNorm's running statistics move in a training-mode pass; measure on a copy of the state.
        var state = model.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        Tensor trained = model.forward(images);
        model.load_state_dict(state);
        model.eval();
        return (trained - evaluated).abs().max().item<float>();
    }

    private static Tensor Images(float[] pixels) =>
        tensor(pixels, [pixels.Length / FaceInputContract.PixelCount, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width]);
}
