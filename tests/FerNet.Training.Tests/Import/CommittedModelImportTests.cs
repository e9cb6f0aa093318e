using FerNet.Core;
using FerNet.Testing.Data;
using FerNet.Training.Export;
using FerNet.Training.Import;
using FerNet.Training.Models;
using FerNet.Training.Tests.Export;
using FerNet.Training.Tests.Torch;

namespace FerNet.Training.Tests.Import;

/// <summary>
/// The trained models kept in the repository, read back into TorchSharp by today's importer: they must
/// compute what ONNX Runtime computes from the same file. Synthetic models cannot catch a change that
/// breaks only real, trained weights (BatchNorm statistics far from their initial values, a fifth
/// stage grown on a four-stage file); these files can.
/// </summary>
[Collection(SerialTorchCollection.Name)]
public sealed class CommittedModelImportTests
{
    private const int ImageCount = 32;

    private static readonly float[] Pixels = SyntheticImages.Generate(ImageCount, seed: 91);

    public static TheoryData<string, string> CommittedSingleModels => new()
    {
        { "docs/results/distil-1/model.onnx", FerVgg.Name },
        { "docs/results/fer-vgg-long/model.onnx", FerVgg.Name },
        { "docs/results/vgg5-1/model.onnx", FerVgg.FiveStageName },
    };

    [Theory]
    [MemberData(nameof(CommittedSingleModels))]
    public void A_committed_model_computes_in_TorchSharp_what_ONNX_Runtime_computes(string relativePath, string architecture)
    {
        string path = Path.Combine(SharedData.RepositoryRoot, relativePath);

        Assert.Equal(architecture, OnnxWeightImport.ReadArchitecture(path, member: null));
        using FerModel model = ModelCatalog.Create(architecture);
        OnnxWeightImport.ReadInto(path, model);
        ClassScores reimported = TorchReference.Score(model, Pixels, 16);
        using var onnx = new OnnxModelRunner(path);
        ClassScores expected = onnx.Score(Pixels, 16);

        AssertLogitsClose(expected.Logits, reimported.Logits, path);
    }

    [Fact]
    public void The_default_ensembles_members_read_one_by_one_average_to_what_the_ensemble_computes()
    {
        string path = Path.Combine(SharedData.RepositoryRoot, "FerNet.Inference", "Models", "fernet-default.onnx");
        const int members = 4;
        var sum = new double[ImageCount * EmotionLabels.Count];
        for (int member = 0; member < members; member++)
        {
            Assert.Equal(FerVgg.Name, OnnxWeightImport.ReadArchitecture(path, member));
            using FerModel model = ModelCatalog.Create(FerVgg.Name);
            OnnxWeightImport.ReadInto(path, model, member);
            ClassScores scores = TorchReference.Score(model, Pixels, 16);
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += scores.Logits[i];
            }
        }

        using var onnx = new OnnxModelRunner(path);
        ClassScores ensemble = onnx.Score(Pixels, 16);

        AssertLogitsClose(ensemble.Logits, [.. sum.Select(s => (float)(s / members))], $"{path} (mean of members 0..{members - 1})");
    }

    private static void AssertLogitsClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            // float32 convolutions summed in another order: 1e-4 relative is far below the gaps between classes.
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])),
                $"{what}, logit {i}: ONNX Runtime {expected[i]}, TorchSharp {actual[i]}");
        }
    }
}
