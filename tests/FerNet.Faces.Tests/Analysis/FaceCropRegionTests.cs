using FerNet.Faces;
using FerNet.Faces.Analysis;

namespace FerNet.Faces.Tests.Analysis;

/// <summary>The crop the classifier sees: a square of 1.1 x the mean box side, centred on the box, clamped to the image.</summary>
public sealed class FaceCropRegionTests
{
    [Fact]
    public void ASquareBoxGetsASquareTenPercentLargerOnTheSameCentre()
    {
        FaceBox crop = FaceCropRegion.Around(new FaceBox(100, 200, 100, 100), 1000, 1000);

        Assert.Equal(new FaceBox(95, 195, 110, 110), crop);
    }

    [Fact]
    public void AnOblongBoxGetsASquareOfTheMeanSideOnItsCentre()
    {
        FaceBox crop = FaceCropRegion.Around(new FaceBox(300, 300, 80, 120), 1000, 1000);

        Assert.Equal(110, crop.Width);
        Assert.Equal(110, crop.Height);
        Assert.Equal(340, crop.X + (crop.Width / 2));
        Assert.Equal(360, crop.Y + (crop.Height / 2));
    }

    [Theory]
    [InlineData(-10, 50, 0, 45, 95, 110)]
    [InlineData(50, -10, 45, 0, 110, 95)]
    [InlineData(910, 50, 905, 45, 95, 110)]
    [InlineData(50, 910, 45, 905, 110, 95)]
    public void AtAnEdgeTheCropIsThePartOfTheSquareInsideTheImage(int x, int y, int cropX, int cropY, int cropWidth, int cropHeight)
    {
        FaceBox crop = FaceCropRegion.Around(new FaceBox(x, y, 100, 100), 1000, 1000);

        Assert.Equal(new FaceBox(cropX, cropY, cropWidth, cropHeight), crop);
    }

    [Fact]
    public void ABoxLargerThanTheImageGetsTheWholeImage()
    {
        Assert.Equal(new FaceBox(0, 0, 640, 480), FaceCropRegion.Around(new FaceBox(-50, -50, 800, 700), 640, 480));
    }

    [Fact]
    public void ABoxOutsideTheImageGetsAnEmptyCrop()
    {
        Assert.Equal(0, FaceCropRegion.Around(new FaceBox(700, 100, 50, 50), 640, 480).Area);
    }
}
