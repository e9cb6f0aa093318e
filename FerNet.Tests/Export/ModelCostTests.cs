using FerNet.Training.Export;
using FerNet.Training.Models;

namespace FerNet.Tests.Export;

public sealed class ModelCostTests
{
    // Worked out by hand from the architectures: Σ out_channels·H·W·in_channels·9 over the 3x3
    // convolutions plus in·out of the linear layers; parameters are weights, biases and BN γ/β.
    [Theory]
    [InlineData(SeedCnn.Name, 100_336_128L, 8_815_559L)]
    [InlineData(FerVgg.Name, 117_450_496L, 1_174_439L)]
    [InlineData(FerVgg.DenseHeadName, 119_815_168L, 3_540_135L)]
    [InlineData(FerVgg.FiveStageName, 149_302_784L, 4_717_223L)]
    public void CountsMultiplyAccumulatesAndParametersPerImage(string architecture, long multiplyAccumulates, long parameters)
    {
        using FerModel model = ModelCatalog.Create(architecture);

        Assert.Equal(new ModelCost(multiplyAccumulates, parameters), ModelCost.Of(model));
    }
}
