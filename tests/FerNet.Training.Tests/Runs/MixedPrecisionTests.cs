using FerNet.Training.Augmentation;
using FerNet.Training.Checkpoints;
using FerNet.Training.Data;
using FerNet.Training.Models;
using FerNet.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;
using FerNet.Training.Tests.Data;
using FerNet.Training.Tests.Torch;

namespace FerNet.Training.Tests.Runs;

[Collection(SerialTorchCollection.Name)]
public sealed class MixedPrecisionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fernet-bf16-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ABFloat16StepComputesInBFloat16AndKeepsFloat32Gradients()
    {
        using FerModel exact = NoDropoutModel(seed: 3);
        using FerModel mixed = NoDropoutModel(seed: 3);
        mixed.TrainInBFloat16 = true;
        using Tensor images = rand(8, 1, 48, 48, generator: new Generator(5));
        using Tensor labels = tensor(new long[] { 0, 1, 2, 3, 4, 5, 6, 0 });

        (Tensor exactLogits, Dictionary<string, Tensor> exactGradients) = ForwardBackward(exact, images, labels);
        (Tensor mixedLogits, Dictionary<string, Tensor> mixedGradients) = ForwardBackward(mixed, images, labels);

        Assert.Equal(ScalarType.Float32, mixedLogits.dtype);
        double difference = (mixedLogits - exactLogits).abs().max().item<float>();
        double scale = exactLogits.abs().max().item<float>();
        Assert.True(difference > 0, "the mixed-precision forward pass gave float32's exact logits: it did not compute in bfloat16");
        Assert.True(difference < 0.05 * scale, $"logits differ by {difference} at scale {scale}: more than bfloat16 rounding");
        foreach ((string name, Tensor gradient) in mixedGradients)
        {
            Assert.Equal(ScalarType.Float32, gradient.dtype);
            double cosine = nn.functional.cosine_similarity(gradient.flatten(), exactGradients[name].flatten(), dim: 0).item<float>();
            Assert.True(cosine > 0.99, $"gradient of {name} points elsewhere than float32's (cosine {cosine})");
        }

        var batchNorm = (TorchSharp.Modules.BatchNorm2d)mixed.Layers.Single(l => l.Name == "bn").Layer;
        Assert.Equal(ScalarType.Float32, batchNorm.running_mean!.dtype);
        Assert.True(batchNorm.running_mean.allclose(((TorchSharp.Modules.BatchNorm2d)exact.Layers.Single(l => l.Name == "bn").Layer).running_mean!, rtol: 0, atol: 1e-2));
    }

    [Fact]
    public void EvaluationComputesInFloat32()
    {
        using FerModel model = NoDropoutModel(seed: 4);
        using Tensor images = rand(4, 1, 48, 48, generator: new Generator(6));
        model.eval();
        using Tensor plain = model.forward(images);

        model.TrainInBFloat16 = true;
        using Tensor flagged = model.forward(images);

        Assert.True(flagged.allclose(plain, rtol: 0, atol: 0), "evaluation with the bfloat16 flag differs from float32");
    }

    [Fact]
    public void TrainingInBFloat16LowersTheLossAndSavesFloat32Weights()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 24, seed: 1);
        TrainingOptions options = TrainingRecipes.FerNet() with
        {
            Epochs = 4,
            BatchSize = 16,
            LearningRate = 0.05,
            ValidationFraction = 0.2,
            LabelSmoothing = 0,
            Augmentation = AugmentationSettings.None,
            Precision = TrainingPrecision.BFloat16,
        };
        var trainer = new Trainer(options, _directory, TextWriter.Null);

        IReadOnlyList<EpochRecord> history = trainer.Train(TrainingSplit.Create(data, options), resume: false, CancellationToken.None).History;

        Assert.True(history[^1].TrainLoss < history[0].TrainLoss * 0.8, $"loss {history[0].TrainLoss} -> {history[^1].TrainLoss}");
        (FerModel model, CheckpointHeader header) = TrainingCheckpoint.LoadModel(trainer.BestCheckpointPath);
        using (model)
        {
            Assert.Equal(TrainingPrecision.BFloat16, header.Options.Precision);
            Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float32, p.dtype));
        }
    }

    [Fact]
    public void AnUnknownPrecisionIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => OptionNames.Parse<TrainingPrecision>("float16", "precision"));

        Assert.Contains("'float16'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every layer kind the mixed forward pass treats differently, and no dropout (whose masks would
    /// differ between the two runs). The convolution has no bias: before BatchNorm its gradient is
    /// zero but for rounding, with no direction to compare.
    /// </summary>
    private static FerModel NoDropoutModel(int seed)
    {
        manual_seed(seed);
        var model = new FerModel(
            "bf16-test",
            [
                ("conv", nn.Conv2d(1, 8, kernel_size: 3, padding: 1, bias: false)),
                ("bn", nn.BatchNorm2d(8)),
                ("relu", nn.ReLU()),
                ("pool", nn.MaxPool2d(4)),
                ("flatten", nn.Flatten()),
                ("fc", nn.Linear(8 * 12 * 12, 7)),
            ],
            []);
        model.train();
        return model;
    }

    private static (Tensor Logits, Dictionary<string, Tensor> Gradients) ForwardBackward(FerModel model, Tensor images, Tensor labels)
    {
        Tensor logits = model.forward(images);
        nn.functional.cross_entropy(logits, labels).backward();
        return (logits.detach(), model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone()));
    }
}
