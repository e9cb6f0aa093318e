using FerNet.Core;
using FerNet.Inference;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Tiff;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Inference.Tests.Images;

/// <summary>
/// Every kind of bad input gets its documented exception with a message naming the fault, and the
/// model answers the next good call correctly.
/// </summary>
public sealed class BadImageInputTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>
{
    private static readonly byte[] GoodPng = TestFaces.GrayPng(seed: 77);

    private EmotionModel Model => fixture.Model;

    [Fact]
    public void Null_inputs_are_argument_null_errors()
    {
        AssertStillWorksAfter<ArgumentNullException>(() => Model.Predict((string)null!));
        AssertStillWorksAfter<ArgumentNullException>(() => Model.Predict((Stream)null!));
        AssertStillWorksAfter<ArgumentNullException>(() => Model.Predict((byte[])null!));
        AssertStillWorksAfter<ArgumentNullException>(() => Model.Predict((MLImage)null!));
        AssertStillWorksAfter<ArgumentNullException>(() => Model.PredictBatch((IEnumerable<byte[]>)null!));
    }

    [Fact]
    public void Empty_inputs_say_they_are_empty()
    {
        string emptyFile = fixture.WriteFile("empty.png", []);

        Assert.Contains("is empty", AssertStillWorksAfter<InvalidImageException>(() => Model.Predict(Array.Empty<byte>())).Message);
        Assert.Contains("is empty", AssertStillWorksAfter<InvalidImageException>(() => Model.Predict(new MemoryStream())).Message);
        Assert.Contains(emptyFile, AssertStillWorksAfter<InvalidImageException>(() => Model.Predict(emptyFile)).Message);
        AssertStillWorksAfter<ArgumentException>(() => Model.Predict(" "));
    }

    [Fact]
    public void A_missing_file_is_file_not_found()
    {
        string missing = Path.Combine(Path.GetTempPath(), "fernet-no-such-face.png");

        Assert.Contains(missing, AssertStillWorksAfter<FileNotFoundException>(() => Model.Predict(missing)).Message);
    }

    [Fact]
    public void Bytes_that_are_no_image_say_so()
    {
        byte[] text = "This is a text file, not a face."u8.ToArray();

        InvalidImageException error = AssertStillWorksAfter<InvalidImageException>(() => Model.Predict(text));

        Assert.IsType<InvalidImageException>(error);
        Assert.Contains("is not an image", error.Message);
        Assert.DoesNotContain(Convert.ToHexString(text[..8]), error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("This is", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    [InlineData("gif")]
    [InlineData("bmp")]
    [InlineData("webp")]
    public void Truncated_images_are_refused_not_filled_in(string format)
    {
        byte[] whole = TestFaces.EncodeAndDispose(TestFaces.Gray(seed: 9), format);

        foreach (int length in new[] { whole.Length * 2 / 3, whole.Length / 3, 20 })
        {
            InvalidImageException error = AssertStillWorksAfter<InvalidImageException>(() => Model.Predict(whole[..length]));
            Assert.Matches("truncated|corrupt", error.Message);
        }
    }

    /// <summary>
    /// The documented limit of corruption detection: libjpeg-turbo decodes random bytes inside a
    /// scan to damaged pixels without an error Skia reports, so the image is scored, while the same
    /// scan cut short is refused.
    /// </summary>
    [Fact]
    public void Random_bytes_inside_a_jpeg_scan_decode_to_damaged_pixels_as_documented()
    {
        byte[] whole = TestFaces.EncodeAndDispose(TestFaces.Gray(seed: 12, width: 96, height: 96), "jpeg");
        int scan = whole.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        int data = scan + 2 + ((whole[scan + 2] << 8) | whole[scan + 3]);
        byte[] damaged = (byte[])whole.Clone();
        new Random(3).NextBytes(damaged.AsSpan(data + 50, 300));

        using MLImage original = ImageLoader.Load(whole);
        using MLImage decoded = ImageLoader.Load(damaged);

        Assert.Equal((96, 96), (decoded.Width, decoded.Height));
        Assert.NotEqual(original.GetBGRPixels, decoded.GetBGRPixels);
        Assert.NotEqual(Model.Predict(whole), Model.Predict(damaged));
        Assert.Contains("truncated", AssertStillWorksAfter<InvalidImageException>(() => Model.Predict(damaged[..(data + 200)])).Message);
    }

    [Fact]
    public void An_image_with_no_pixels_is_refused()
    {
        InvalidImageException error = AssertStillWorksAfter<InvalidImageException>(() => Model.Predict(CraftedImages.PngHeader(0, 48)));

        Assert.Contains("0 x 48", error.Message);
    }

    public static TheoryData<string, byte[]> Bombs() => new()
    {
        { "PNG", CraftedImages.PngHeader(60_000, 60_000) },
        { "PNG", CraftedImages.PngHeader(uint.MaxValue, uint.MaxValue) },
        { "JPEG", CraftedImages.JpegClaiming(TestFaces.EncodeAndDispose(TestFaces.Gray(seed: 1), "jpeg"), 65_000, 65_000) },
        { "GIF", CraftedImages.GifHeader(65_535, 65_535) },
        { "BMP", CraftedImages.BmpHeader(60_000, -60_000) },
        { "WebP", CraftedImages.WebPHeader(16_384, 16_384) },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void Decompression_bombs_are_refused_from_the_header(string format, byte[] bomb)
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        ImageTooLargeException error = AssertStillWorksAfter<ImageTooLargeException>(() => Model.Predict(bomb));

        Assert.Contains(format, error.Message);
        Assert.Contains(ImageLimits.MaxPixels.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 1_000_000, "The bomb must be refused before any pixel memory is allocated.");
    }

    [Fact]
    public void A_file_longer_than_the_limit_is_refused_before_it_is_read()
    {
        string path = fixture.WriteFile("huge.png", GoodPng);
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(ImageLimits.MaxEncodedBytes + 1L);
        }

        Assert.Contains("bytes", AssertStillWorksAfter<ImageTooLargeException>(() => Model.Predict(path)).Message);
        File.Delete(path);
    }

    [Fact]
    public void A_png_whose_header_checksum_is_wrong_is_called_so()
    {
        byte[] png = (byte[])GoodPng.Clone();
        png[29] ^= 0xFF;

        InvalidImageException error = AssertStillWorksAfter<InvalidImageException>(() => Model.Predict(png));

        Assert.Contains("CRC", error.Message);
        Assert.DoesNotContain("truncated", error.Message);
    }

    [Fact]
    public void A_device_as_an_image_path_is_refused_by_name_without_reading_it()
    {
        string link = Path.Combine(Path.GetTempPath(), $"fernet-zero-{Guid.NewGuid():N}.png");
        File.CreateSymbolicLink(link, "/dev/zero");
        try
        {
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

            Assert.Contains("'/dev/zero'", AssertStillWorksAfter<InvalidImageException>(() => Model.Predict("/dev/zero")).Message);
            string viaLink = AssertStillWorksAfter<InvalidImageException>(() => Model.Predict(link)).Message;
            Assert.Contains(link, viaLink);
            Assert.Contains("not a regular file", viaLink);
            Assert.Contains("Image 1 of the batch", AssertStillWorksAfter<InvalidImageException>(() => Model.PredictBatch([fixture.WriteFile("good.png", GoodPng), "/dev/zero"])).Message);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 50_000_000, "The device must be refused, not read.");
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public async Task A_fifo_as_an_image_path_is_refused_without_waiting_for_a_writer()
    {
        string fifo = Path.Combine(Path.GetTempPath(), $"fernet-fifo-{Guid.NewGuid():N}.png");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        try
        {
            Task<InvalidImageException> call = Task.Run(() => Assert.Throws<InvalidImageException>(() => Model.Predict(fifo)));
            Task finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(20)));
            if (finished != call)
            {
                // Opening the FIFO for writing releases the reader that is blocked on it.
                await File.WriteAllBytesAsync(fifo, []);
            }

            Assert.True(finished == call, "Predict blocked on the FIFO, waiting for a writer.");
            Assert.Contains(fifo, (await call).Message);
        }
        finally
        {
            File.Delete(fifo);
        }
    }

    [Fact]
    public void Unsupported_formats_are_named()
    {
        using var tiff = new MemoryStream();
        using (var image = TestFaces.Gray(seed: 2))
        {
            image.Save(tiff, new TiffEncoder());
        }

        byte[] heif = [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8];

        Assert.Equal("TIFF", AssertStillWorksAfter<UnsupportedImageFormatException>(() => Model.Predict(tiff.ToArray())).Format);
        Assert.Equal("HEIF", AssertStillWorksAfter<UnsupportedImageFormatException>(() => Model.Predict(heif)).Format);
    }

    [Fact]
    public void A_disposed_image_is_an_argument_error()
    {
        var image = MLImage.CreateFromStream(new MemoryStream(GoodPng));
        image.Dispose();

        Assert.Contains("disposed", AssertStillWorksAfter<ArgumentException>(() => Model.Predict(image)).Message);
        AssertStillWorksAfter<ArgumentException>(() => Model.PredictBatch([image]));
    }

    [Fact]
    public void Pixel_buffers_of_the_wrong_size_or_range_are_refused()
    {
        float[] scaled = new float[FaceInputContract.PixelCount];
        scaled[50] = 200f;

        AssertStillWorksAfter<ArgumentException>(() => Model.PredictPixels(new byte[100]));
        AssertStillWorksAfter<ArgumentException>(() => Model.PredictPixels(new float[FaceInputContract.PixelCount + 1]));
        Assert.Contains("Pixel 50 (row 1, column 2) is 200", AssertStillWorksAfter<ArgumentException>(() => Model.PredictPixels(scaled)).Message);
        scaled[50] = float.NaN;
        AssertStillWorksAfter<ArgumentException>(() => Model.PredictPixels(scaled));
    }

    [Fact]
    public void A_bad_image_in_a_batch_is_named_by_its_position()
    {
        Assert.Contains("Image 2 of the batch", AssertStillWorksAfter<InvalidImageException>(() => Model.PredictBatch([GoodPng, GoodPng, GoodPng[..40]])).Message);
        Assert.Contains("Image 1 of the batch", AssertStillWorksAfter<ArgumentException>(() => Model.PredictBatch([GoodPng, null!])).Message);
    }

    [Fact]
    public void A_disposed_model_refuses_every_call()
    {
        EmotionModel model = EmotionClassifier.Load(fixture.ModelPath);
        model.Dispose();
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Predict(GoodPng));
        Assert.Throws<ObjectDisposedException>(() => model.Predict("face.png"));
        Assert.Throws<ObjectDisposedException>(() => model.Predict(new MemoryStream(GoodPng)));
        Assert.Throws<ObjectDisposedException>(() => model.PredictPixels(new byte[FaceInputContract.PixelCount]));
        Assert.Throws<ObjectDisposedException>(() => model.PredictBatch([GoodPng]));
    }

    private TException AssertStillWorksAfter<TException>(Func<object> call)
        where TException : Exception
    {
        TException error = Assert.ThrowsAny<TException>(call);
        PredictionAssert.Matches(fixture.Canonical.Expected(TestFaces.TrainingTensor(GoodPng)), Model.Predict(GoodPng), $"the call after {typeof(TException).Name}");
        return error;
    }
}
