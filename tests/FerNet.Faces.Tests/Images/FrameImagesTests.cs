using System.Runtime.InteropServices;
using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Faces.Video.Frames;
using Microsoft.ML.Data;
using OpenCvSharp;

namespace FerNet.Faces.Tests.Images;

/// <summary>Pixels keep their colours and places between OpenCV's BGR Mat, ML.NET's MLImage and the analyzer's crops.</summary>
public sealed class FrameImagesTests
{
    [Fact]
    public void ACropHasTheRegionsPixelsInBgrOrder()
    {
        using Mat image = Colourful(64, 48);
        var region = new FaceBox(10, 5, 30, 20);

        using MLImage crop = MatCrops.Crop(image, region);

        Assert.Equal((region.Width, region.Height), (crop.Width, crop.Height));
        using var view = new Mat(image, new Rect(region.X, region.Y, region.Width, region.Height));
        using Mat expected = view.Clone();
        Assert.Equal(Bytes(expected), crop.GetBGRPixels);
    }

    [Fact]
    public void ABgrMatBecomesAnMLImageOfTheSamePixels()
    {
        using Mat image = Colourful(33, 17);

        using MLImage mlImage = MatImages.ToMLImage(image);

        Assert.Equal((33, 17), (mlImage.Width, mlImage.Height));
        Assert.Equal(Bytes(image), mlImage.GetBGRPixels);
    }

    private static Mat Colourful(int width, int height)
    {
        var image = new Mat(height, width, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(256));
        return image;
    }

    private static byte[] Bytes(Mat continuous)
    {
        var bytes = new byte[continuous.Width * continuous.Height * 3];
        Marshal.Copy(continuous.Data, bytes, 0, bytes.Length);
        return bytes;
    }
}
