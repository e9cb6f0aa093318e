using FerNet.Core;
using FerNet.Inference.Images;
using FerNet.Inference.Pipeline;
using Microsoft.ML;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using FerNet.Testing.Images;

namespace FerNet.Inference.Tests.Images;

/// <summary>
/// The ML.NET pipeline must hand the model the tensor that training saw: decode to 8-bit gray
/// (ImageSharp's L8), then value / 255. Tolerances: 1e-6 for lossless formats (only float
/// rounding of x * (1/255) against x / 255 may differ); 2/255 for JPEG, whose inverse DCT differs
/// by a level or two between libjpeg-turbo (Skia) and ImageSharp.
/// </summary>
public sealed class PreprocessingEquivalenceTests : IDisposable
{
    private const float LosslessTolerance = 1e-6f;
    private const float JpegTolerance = 2f / 255f;

    private readonly FacePreprocessing _preprocessing = new(new MLContext(seed: 0));

    public void Dispose() => _preprocessing.Dispose();

    [Theory]
    [InlineData("png")]
    [InlineData("bmp")]
    [InlineData("gif")]
    [InlineData("webp")]
    public void Lossless_gray_faces_give_the_training_tensor(string format)
    {
        for (int seed = 0; seed < 4; seed++)
        {
            byte[] encoded = TestFaces.EncodeAndDispose(TestFaces.Gray(seed), format);

            float[] pipeline = PipelineTensor(encoded);

            AssertClose(TestFaces.TrainingTensor(encoded), pipeline, LosslessTolerance, $"{format} seed {seed}");
        }
    }

    [Fact]
    public void Jpeg_gray_faces_give_the_training_tensor_within_decoder_rounding()
    {
        for (int seed = 0; seed < 4; seed++)
        {
            byte[] encoded = TestFaces.EncodeAndDispose(TestFaces.Gray(seed), "jpeg");

            AssertClose(TestFaces.TrainingTensor(encoded), PipelineTensor(encoded), JpegTolerance, $"jpeg seed {seed}");
        }
    }

    [Theory]
    [InlineData("png")]
    [InlineData("bmp")]
    [InlineData("webp")]
    public void Lossless_colour_faces_give_the_training_tensor(string format)
    {
        byte[] encoded = TestFaces.EncodeAndDispose(TestFaces.Colour(seed: 3), format);

        AssertClose(TestFaces.TrainingTensor(encoded), PipelineTensor(encoded), LosslessTolerance, $"colour {format}");
    }

    [Fact]
    public void A_larger_crop_is_resized_to_the_same_face()
    {
        using Image<L8> face = TestFaces.Gray(seed: 5);
        using Image<L8> doubled = face.Clone(image => image.Resize(96, 96, KnownResamplers.NearestNeighbor));

        float[] fromDoubled = PipelineTensor(TestFaces.Encode(doubled));

        AssertClose(TestFaces.TrainingTensor(TestFaces.Encode(face)), fromDoubled, 0.1f, "96x96", meanTolerance: 0.02f);
    }

    [Fact]
    public void Batched_preprocessing_keeps_each_image_in_its_row()
    {
        byte[][] encoded = [.. Enumerable.Range(0, 3).Select(TestFaces.GrayPng)];
        MLImage[] images = [.. encoded.Select(bytes => ImageDecoder.Decode(bytes, "test image"))];
        var tensor = new float[images.Length * FaceInputContract.PixelCount];

        _preprocessing.WriteTensor(images, tensor);

        for (int i = 0; i < images.Length; i++)
        {
            AssertClose(TestFaces.TrainingTensor(encoded[i]), tensor.AsSpan(i * FaceInputContract.PixelCount, FaceInputContract.PixelCount).ToArray(), LosslessTolerance, $"row {i}");
            images[i].Dispose();
        }
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance, string what, float? meanTolerance = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        int worst = 0;
        double totalError = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            float error = Math.Abs(expected[i] - actual[i]);
            totalError += error;
            if (error > Math.Abs(expected[worst] - actual[worst]))
            {
                worst = i;
            }
        }

        Assert.True(
            Math.Abs(expected[worst] - actual[worst]) <= tolerance,
            $"{what}: pixel {worst} is {actual[worst]} through ML.NET and {expected[worst]} on the training side; tolerance {tolerance}.");
        if (meanTolerance is float mean)
        {
            Assert.True(totalError / expected.Length <= mean, $"{what}: mean error {totalError / expected.Length} exceeds {mean}.");
        }
    }

    private float[] PipelineTensor(byte[] encoded)
    {
        using MLImage image = ImageDecoder.Decode(encoded, "test image");
        var tensor = new float[FaceInputContract.PixelCount];
        _preprocessing.WriteTensor([image], tensor);
        return tensor;
    }
}
