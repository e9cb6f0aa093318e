using FerNet.Training.Cli;
using FerNet.Training.Models;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Models;

public sealed class ModelArchitectureTests
{
    [Fact]
    public void SeedCnnHasTheSeedsParameterCounts()
    {
        using FerModel model = ModelCatalog.Create(SeedCnn.Name);

        Assert.Equal(8_815_559, model.TrainableParameterCount);
        Assert.Equal(840, model.NonTrainableParameterCount);
    }

    [Fact]
    public void SeedCnnShapesFollowTheKerasModel()
    {
        using FerModel model = ModelCatalog.Create(SeedCnn.Name);
        var shapes = model.Trace().ToDictionary(r => r.Name, r => r.Shape);

        Assert.Equal([1L, 80, 22, 22], shapes["conv4"]);
        Assert.Equal([1L, 80, 11, 11], shapes["pool4"]);
        Assert.Equal([1L, 320, 5, 5], shapes["pool6"]);
        Assert.Equal([1L, 8000], shapes["flatten"]);
        Assert.Equal([1L, 7], shapes["fc2"]);
    }

    [Fact]
    public void SummaryPrintsTheCounts()
    {
        using FerModel model = ModelCatalog.Create(SeedCnn.Name);
        var text = new StringWriter();

        SummaryCommand.Print(model, text);

        Assert.Contains("Total params: 8,816,399", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("Trainable params: 8,815,559", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("Non-trainable params: 840", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SeedBatchNormUsesKerasMomentumAndEpsilon()
    {
        using FerModel model = ModelCatalog.Create(SeedCnn.Name);
        var bn = (TorchSharp.Modules.BatchNorm2d)model.Layers.Single(l => l.Name == "bn2").Layer;

        using (var input = rand(8, 20, 4, 4))
        {
            bn.train();
            using Tensor output = bn.forward(input);

            // PyTorch's momentum 0.01 is Keras' 0.99: the running mean moves 1 % of the way to the batch mean.
            float expected = 0.01f * input.mean([0, 2, 3])[0].item<float>();
            Assert.Equal(expected, bn.running_mean![0].item<float>(), 5);
        }

        Assert.Equal(1e-3, bn.eps, 9);
    }

    [Fact]
    public void L2PenaltyIsLambdaTimesSumOfSquaredKernels()
    {
        using FerModel model = ModelCatalog.Create(SeedCnn.Name);
        double expected = 0;
        foreach ((string name, double lambda) in new[] { ("conv3", 0.01), ("conv4", 0.01), ("conv5", 0.02), ("conv6", 0.02) })
        {
            var conv = (TorchSharp.Modules.Conv2d)model.Layers.Single(l => l.Name == name).Layer;
            expected += lambda * conv.weight!.pow(2).sum().item<float>();
        }

        using Tensor penalty = model.L2Penalty();

        Assert.Equal(expected, penalty.item<float>(), 3);
        Assert.True(expected > 0);
    }

    [Theory]
    [InlineData(FerVgg.Name)]
    [InlineData(FerVgg.DenseHeadName)]
    [InlineData(FerVgg.FiveStageName)]
    public void FerVggHasNoPenaltyAndSevenOutputs(string architecture)
    {
        using FerModel model = ModelCatalog.Create(architecture);
        model.eval();
        using Tensor output = model.forward(zeros(3, 1, 48, 48));

        Assert.False(model.HasL2Penalty);
        Assert.Equal([3L, 7], output.shape);
    }

    [Fact]
    public void UnknownArchitectureIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelCatalog.Create("resnet-9000"));
        Assert.Contains("resnet-9000", error.Message, StringComparison.Ordinal);
    }
}
