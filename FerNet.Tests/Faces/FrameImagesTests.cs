using System.Runtime.InteropServices;
using FerNet.Faces;
using FerNet.Faces.Images;
using Microsoft.ML.Data;
using OpenCvSharp;

namespace FerNet.Tests.Faces;

/// <summary>Pixels keep their colours and places between OpenCV's BGR Mat and ML.NET's MLImage.</summary>
public sealed class FrameImagesTests
{
    [Fact]
    public void ACropHasTheRegionsPixelsInBgrOrder()
    {
        using Mat image = Colourful(64, 48);
        var region = new FaceBox(10, 5, 30, 20);

        using MLImage crop = FrameImages.Crop(image, region);

        Assert.Equal((region.Width, region.Height), (crop.Width, crop.Height));
        using var view = new Mat(image, new Rect(region.X, region.Y, region.Width, region.Height));
        using Mat expected = view.Clone();
        Assert.Equal(Bytes(expected), crop.GetBGRPixels);
    }

    [Fact]
    public void AnMLImageBecomesTheSameBgrMat()
    {
        using Mat image = Colourful(33, 17);
        byte[] bgr = Bytes(image);
        var bgra = new byte[33 * 17 * 4];
        for (int i = 0, j = 0; i < bgr.Length; i += 3, j += 4)
        {
            (bgra[j], bgra[j + 1], bgra[j + 2], bgra[j + 3]) = (bgr[i], bgr[i + 1], bgr[i + 2], 255);
        }

        using MLImage mlImage = MLImage.CreateFromPixels(33, 17, MLPixelFormat.Bgra32, bgra);
        using Mat back = FrameImages.ToBgrMat(mlImage);

        Assert.Equal(MatType.CV_8UC3, back.Type());
        Assert.Equal(bgr, Bytes(back));
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
