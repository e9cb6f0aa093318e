using FerNet.Training.Export;
using FerNet.Training.Models;

namespace FerNet.Training.Tests.Export;

public sealed class ModelCostTests
{
    // Worked out by hand from the architectures: Σ out_channels·H·W·in_channels·9 over the 3x3
    // convolutions plus in·out of the linear layers; parameters are weights, biases and BN γ/β.
    [Theory]
    [InlineData(SeedCnn.Name, 100_336_128L, 8_815_559L)]
    [InlineData(FerVgg.Name, 117_450_496L, 1_174_439L)]
    [InlineData(FerVgg.DenseHeadName, 119_815_168L, 3_540_135L)]
    [InlineData(FerVgg.FiveStageName, 149_302_784L, 4_717_223L)]
    // The 64x64 upscaled face: stem 32x32, then stages at 16, 8, 4 and 2 pixels.
    [InlineData(ResNet18.Name, 160_501_248L, 15_894_471L)]
    [InlineData(ResNet18.ThreeStageName, 108_070_656L, 2_778_311L)]
    // The 48x48 face as it is: stem 24x24, then stages at 12, 6, 3 and 2 pixels.
    [InlineData(ResNet18.NativeInputName, 113_221_120L, 15_894_471L)]
    public void CountsMultiplyAccumulatesAndParametersPerImage(string architecture, long multiplyAccumulates, long parameters)
    {
        using FerModel model = ModelCatalog.Create(architecture);

        Assert.Equal(new ModelCost(multiplyAccumulates, parameters), ModelCost.Of(model));
    }
}
