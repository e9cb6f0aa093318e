using FerNet.Core;
using FerNet.Core.Models;
using FerNet.Inference;
using FerNet.Training.Export;
using Google.Protobuf;
using Onnx;

namespace FerNet.Training.Tests.Export;

/// <summary>Joining exported models: what the ensemble computes, what it says about itself, and what it refuses.</summary>
public sealed class OnnxEnsembleTests(EnsembleMembersFixture fixture) : IClassFixture<EnsembleMembersFixture>
{
    [Fact]
    public void Logits_are_the_members_mean_and_probabilities_their_softmax()
    {
        string path = WriteEnsemble(fixture.Paths, "mean.onnx");

        ClassScores ensemble = Score(path);
        ClassScores first = Score(fixture.Paths[0]);
        ClassScores second = Score(fixture.Paths[1]);

        double largestGap = 0;
        for (int image = 0; image < ensemble.Count; image++)
        {
            double[] expectedLogits = [.. Enumerable.Range(0, EmotionLabels.Count).Select(c => (first.Logits[Index(image, c)] + (double)second.Logits[Index(image, c)]) / 2)];
            double[] expectedProbabilities = Softmax(expectedLogits);
            for (int c = 0; c < EmotionLabels.Count; c++)
            {
                Assert.Equal(expectedLogits[c], ensemble.Logits[Index(image, c)], 1e-4);
                Assert.Equal(expectedProbabilities[c], ensemble.Probabilities[Index(image, c)], 1e-5);
                largestGap = Math.Max(largestGap, Math.Abs(first.Probabilities[Index(image, c)] - second.Probabilities[Index(image, c)]));
            }
        }

        // Members that agreed would make the mean indistinguishable from either of them.
        Assert.True(largestGap > 0.05, $"The members' probabilities differ by at most {largestGap}.");
    }

    [Fact]
    public void The_ensemble_is_a_FerNet_model_that_names_its_members()
    {
        string path = WriteEnsemble(fixture.Paths, "contract.onnx");

        using EmotionModel model = EmotionClassifier.Load(path);
        using var runner = new OnnxModelRunner(path);

        Assert.Equal("ensemble(fer-vgg,seed-cnn)", model.Metadata[ModelMetadataKeys.Architecture]);
        Assert.Equal(string.Join(',', EmotionLabels.Names), model.Metadata[ModelMetadataKeys.Labels]);
        Assert.Equal([FaceInputContract.InputName], runner.Inputs.Keys);
        Assert.Equal([FaceInputContract.LogitsName, FaceInputContract.OutputName], runner.Outputs.Keys.Order(StringComparer.Ordinal));
        EmotionPrediction prediction = model.PredictPixels(fixture.Pixels.AsSpan(0, FaceInputContract.PixelCount));
        Assert.Equal(1, prediction.Probabilities.Sum(), 1e-5);
    }

    [Fact]
    public void Joining_a_model_with_itself_changes_no_score()
    {
        string path = WriteEnsemble([fixture.Paths[0], fixture.Paths[0]], "twice.onnx");

        ClassScores ensemble = Score(path);
        ClassScores member = Score(fixture.Paths[0]);

        for (int i = 0; i < ensemble.Probabilities.Count; i++)
        {
            Assert.Equal(member.Probabilities[i], ensemble.Probabilities[i], 1e-5);
        }
    }

    [Fact]
    public void An_ensemble_member_joins_with_its_own_members_so_every_model_weighs_the_same()
    {
        string pair = WriteEnsemble(fixture.Paths, "pair.onnx");
        string nested = WriteEnsemble([pair, fixture.Paths[0]], "nested.onnx");

        ClassScores ensemble = Score(nested);
        ClassScores first = Score(fixture.Paths[0]);
        ClassScores second = Score(fixture.Paths[1]);
        using EmotionModel model = EmotionClassifier.Load(nested);

        Assert.Equal("ensemble(fer-vgg,seed-cnn,fer-vgg)", model.Metadata[ModelMetadataKeys.Architecture]);
        for (int i = 0; i < ensemble.Logits.Count; i++)
        {
            // Mean of the pair's mean and the first model would be (3·first + second)/4 instead.
            Assert.Equal(((2 * (double)first.Logits[i]) + second.Logits[i]) / 3, ensemble.Logits[i], 1e-4);
        }
    }

    [Fact]
    public void Leaving_a_single_model_out_of_an_ensemble_file_gives_the_ensemble_of_the_others_and_drops_its_weights()
    {
        string pair = WriteEnsemble(fixture.Paths, "pair-to-thin.onnx");
        string nested = WriteEnsemble([pair, fixture.Paths[0]], "nested-to-thin.onnx", leaveOut: [1]);
        string twice = WriteEnsemble([fixture.Paths[0], fixture.Paths[0]], "twice-for-thin.onnx");

        ClassScores thinned = Score(nested);
        ClassScores member = Score(fixture.Paths[0]);
        using EmotionModel model = EmotionClassifier.Load(nested);

        // The pair's second single model (seed-cnn) is left out; fer-vgg is left twice.
        Assert.Equal("ensemble(fer-vgg,fer-vgg)", model.Metadata[ModelMetadataKeys.Architecture]);
        for (int i = 0; i < thinned.Logits.Count; i++)
        {
            Assert.Equal(member.Logits[i], thinned.Logits[i], 1e-4);
        }

        ModelProto written = ModelProto.Parser.ParseFrom(File.ReadAllBytes(nested));
        ModelProto expected = ModelProto.Parser.ParseFrom(File.ReadAllBytes(twice));
        Assert.Equal(expected.Graph.Initializer.Sum(t => t.RawData.Length + (t.FloatData.Count * 4L)), written.Graph.Initializer.Sum(t => t.RawData.Length + (t.FloatData.Count * 4L)));
        Assert.Equal(expected.Graph.Node.Count, written.Graph.Node.Count);
    }

    [Fact]
    public void A_position_to_leave_out_that_names_no_single_model_is_refused_with_the_models_numbered()
    {
        var members = fixture.Paths.Select(p => (p, OnnxEnsemble.ReadMember(p))).ToList();

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxEnsemble.Combine(members, [2]));

        Assert.Contains("Cannot leave out single model 2: the members hold 2, numbered 0 to 1 (0: fer-vgg, 1: seed-cnn).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaving_out_all_but_one_single_model_is_refused()
    {
        var members = fixture.Paths.Select(p => (p, OnnxEnsemble.ReadMember(p))).ToList();

        ArgumentException error = Assert.Throws<ArgumentException>(() => OnnxEnsemble.Combine(members, [0]));

        Assert.StartsWith("An ensemble needs at least 2 models; got 1 (2 less the 1 left out).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_model_is_not_an_ensemble()
    {
        var members = new List<(string, ModelProto)> { (fixture.Paths[0], OnnxEnsemble.ReadMember(fixture.Paths[0])) };

        ArgumentException error = Assert.Throws<ArgumentException>(() => OnnxEnsemble.Combine(members));

        Assert.Contains("at least 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_without_logits_is_named()
    {
        string path = WriteAltered("no-logits.onnx", model =>
        {
            ValueInfoProto logits = model.Graph.Output.Single(o => o.Name == FaceInputContract.LogitsName);
            model.Graph.Output.Remove(logits);
        });

        InvalidModelException error = Assert.Throws<InvalidModelException>(() => OnnxEnsemble.ReadMember(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'logits'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_with_other_labels_is_named()
    {
        string path = WriteAltered("relabelled.onnx", model =>
            model.MetadataProps.Single(p => p.Key == ModelMetadataKeys.Labels).Value = "happy,angry,disgust,fear,neutral,sad,surprise");

        InvalidModelException error = Assert.Throws<InvalidModelException>(() => OnnxEnsemble.ReadMember(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("happy,angry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Members_of_different_opsets_are_refused()
    {
        string path = WriteAltered("opset-21.onnx", model => model.OpsetImport.Single(o => o.Domain.Length == 0).Version = 21);
        var members = new List<(string, ModelProto)>
        {
            (fixture.Paths[0], OnnxEnsemble.ReadMember(fixture.Paths[0])),
            (path, OnnxEnsemble.ReadMember(path)),
        };

        InvalidModelException error = Assert.Throws<InvalidModelException>(() => OnnxEnsemble.Combine(members));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("opset 21", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_ONNX_is_named()
    {
        string path = fixture.NewPath("not-a-model.onnx");
        File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);

        InvalidModelException error = Assert.Throws<InvalidModelException>(() => OnnxEnsemble.ReadMember(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_member_is_named()
    {
        string path = fixture.NewPath("absent.onnx");

        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => OnnxEnsemble.ReadMember(path));

        Assert.Equal(path, error.FileName);
    }

    private static int Index(int image, int label) => image * EmotionLabels.Count + label;

    private static double[] Softmax(double[] logits)
    {
        double max = logits.Max();
        double[] exp = [.. logits.Select(l => Math.Exp(l - max))];
        return [.. exp.Select(e => e / exp.Sum())];
    }

    private ClassScores Score(string path)
    {
        using var runner = new OnnxModelRunner(path);
        return runner.Score(fixture.Pixels, batchSize: 16);
    }

    private string WriteEnsemble(IReadOnlyList<string> paths, string name, IReadOnlyCollection<int>? leaveOut = null)
    {
        ModelProto ensemble = OnnxEnsemble.Combine([.. paths.Select(p => (p, OnnxEnsemble.ReadMember(p)))], leaveOut);
        string path = fixture.NewPath(name);
        File.WriteAllBytes(path, ensemble.ToByteArray());
        return path;
    }

    private string WriteAltered(string name, Action<ModelProto> alter)
    {
        ModelProto model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(fixture.Paths[0]));
        alter(model);
        string path = fixture.NewPath(name);
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }
}
