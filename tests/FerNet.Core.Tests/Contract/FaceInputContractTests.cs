using FerNet.Core;

namespace FerNet.Core.Tests.Contract;

public sealed class FaceInputContractTests
{
    [Theory]
    [InlineData(48, 48, 0, 0, 48)]
    [InlineData(96, 48, 24, 0, 48)]
    [InlineData(48, 96, 0, 24, 48)]
    [InlineData(640, 480, 80, 0, 480)]
    [InlineData(97, 48, 24, 0, 48)]
    [InlineData(30, 33, 0, 1, 30)]
    [InlineData(1, 1, 0, 0, 1)]
    [InlineData(1, 200, 0, 99, 1)]
    public void CentreSquare_IsTheCentredSquareOfTheShorterSide(int width, int height, int x, int y, int size)
    {
        Assert.Equal((x, y, size), FaceInputContract.CentreSquare(width, height));
    }

    [Theory]
    [InlineData(0, 48, "width")]
    [InlineData(-5, 48, "width")]
    [InlineData(48, 0, "height")]
    [InlineData(48, -1, "height")]
    public void CentreSquare_RefusesSidesThatAreNotPositive(int width, int height, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FaceInputContract.CentreSquare(width, height));

        Assert.Equal(parameter, error.ParamName);
    }
}
