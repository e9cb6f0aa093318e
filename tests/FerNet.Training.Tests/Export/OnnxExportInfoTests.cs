using FerNet.Training.Export;

namespace FerNet.Training.Tests.Export;

public sealed class OnnxExportInfoTests
{
    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void AccuracyOutsideUnitIntervalIsRejected(double accuracy)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxExportInfo { TrainingData = "FER2013", ValidationAccuracy = accuracy });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxExportInfo { TrainingData = "FER2013", ValidationAccuracy = 0.5, TestAccuracy = accuracy });
    }

    [Fact]
    public void EmptyTrainingDataIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new OnnxExportInfo { TrainingData = " ", ValidationAccuracy = 0.5 });
    }

    [Fact]
    public void VersionDefaultsToThisBuild()
    {
        var info = new OnnxExportInfo { TrainingData = "FER2013", ValidationAccuracy = 0.5 };

        Assert.StartsWith(typeof(OnnxExportInfo).Assembly.GetName().Version!.ToString(3), info.FerNetVersion, StringComparison.Ordinal);
    }
}
