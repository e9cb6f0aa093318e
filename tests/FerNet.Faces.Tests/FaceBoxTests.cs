using FerNet.Faces;

namespace FerNet.Faces.Tests;

public sealed class FaceBoxTests
{
    [Fact]
    public void IntersectionOverUnionIsOverlapOverCoveredArea()
    {
        var box = new FaceBox(0, 0, 100, 100);

        Assert.Equal(1.0, box.IntersectionOverUnion(box));
        Assert.Equal(0.0, box.IntersectionOverUnion(new FaceBox(100, 0, 100, 100)));
        Assert.Equal(50.0 * 100 / 15000, box.IntersectionOverUnion(new FaceBox(50, 0, 100, 100)), precision: 12);
        Assert.Equal(0.25, box.IntersectionOverUnion(new FaceBox(25, 25, 50, 50)), precision: 12);
        Assert.Equal(0.0, new FaceBox(0, 0, 0, 0).IntersectionOverUnion(new FaceBox(0, 0, 0, 0)));
    }

    [Fact]
    public void RightBottomAndAreaFollowFromTheCornerAndSize()
    {
        var box = new FaceBox(-10, 20, 30, 40);

        Assert.Equal(20, box.Right);
        Assert.Equal(60, box.Bottom);
        Assert.Equal(1200, box.Area);
        Assert.Equal(0, new FaceBox(5, 5, -3, 10).Area);
    }

    [Fact]
    public void PrintsItsSizeThenItsTopLeftCorner()
    {
        Assert.Equal("131x131 at (92, 64)", new FaceBox(92, 64, 131, 131).ToString());
        Assert.Equal("30x40 at (-10, 20)", new FaceBox(-10, 20, 30, 40).ToString());
    }
}
