using FerNet.Core;
using FerNet.Inference;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Inference.Tests;

public sealed class EmotionModelTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>
{
    [Fact]
    public void Predict_from_a_file_gives_the_models_arithmetic_on_the_training_tensor()
    {
        for (int seed = 0; seed < 5; seed++)
        {
            byte[] png = TestFaces.GrayPng(seed);
            string path = fixture.WriteFile($"face{seed}.png", png);

            EmotionPrediction prediction = fixture.Model.Predict(path);

            PredictionAssert.Matches(fixture.Canonical.Expected(TestFaces.TrainingTensor(png)), prediction, $"seed {seed}");
        }
    }

    [Fact]
    public void Labels_in_another_output_order_come_back_in_canonical_order()
    {
        byte[] png = TestFaces.GrayPng(seed: 21);

        EmotionPrediction prediction = fixture.ShuffledModel.Predict(png);

        PredictionAssert.Matches(fixture.Shuffled.Expected(TestFaces.TrainingTensor(png)), prediction);
    }

    [Fact]
    public void Every_input_kind_gives_the_same_answer()
    {
        byte[] jpeg = TestFaces.EncodeAndDispose(TestFaces.Gray(seed: 4), "jpeg");
        EmotionPrediction fromFile = fixture.Model.Predict(fixture.WriteFile("face.jpg", jpeg));

        using var stream = new MemoryStream(jpeg);
        using MLImage image = MLImage.CreateFromStream(new MemoryStream(jpeg));

        Assert.Equal(fromFile, fixture.Model.Predict(stream));
        Assert.Equal(fromFile, fixture.Model.Predict(jpeg));
        Assert.Equal(fromFile, fixture.Model.Predict(image));
        fixture.Model.Predict(TestFaces.GrayPng(seed: 5));
        Assert.Equal(fromFile, fixture.Model.Predict(image));
    }

    [Fact]
    public void Pixel_buffers_skip_decoding_and_give_the_same_arithmetic()
    {
        using Image<L8> face = TestFaces.Gray(seed: 8);
        var pixels = new byte[FaceInputContract.PixelCount];
        face.CopyPixelDataTo(pixels);
        float[] scaled = Array.ConvertAll(pixels, p => p / 255f);
        float[] expected = fixture.Canonical.Expected(scaled);

        PredictionAssert.Matches(expected, fixture.Model.PredictPixels(pixels), "bytes");
        PredictionAssert.Matches(expected, fixture.Model.PredictPixels(scaled), "floats");
        PredictionAssert.Matches(expected, fixture.Model.Predict(TestFaces.Encode(face)), "png");
    }

    [Fact]
    public void A_colour_crop_of_another_size_is_classified_as_its_gray_48x48_version()
    {
        using Image<Rgb24> colour = TestFaces.Colour(seed: 2);
        byte[] png = TestFaces.Encode(colour);

        PredictionAssert.Matches(fixture.Canonical.Expected(TestFaces.TrainingTensor(png)), fixture.Model.Predict(png));
    }

    [Fact]
    public void Batches_give_the_single_answers_in_input_order()
    {
        // 150 images span three ONNX Runtime batches of 64, the last one partial.
        byte[][] images = [.. Enumerable.Range(100, 150).Select(TestFaces.GrayPng)];
        EmotionPrediction[] singles = [.. images.Select(fixture.Model.Predict)];

        IReadOnlyList<EmotionPrediction> fromBytes = fixture.Model.PredictBatch(images);
        IReadOnlyList<EmotionPrediction> fromPaths = fixture.Model.PredictBatch(images.Take(5).Select((png, i) => fixture.WriteFile($"batch{i}.png", png)));
        MLImage[] decoded = [.. images.Take(5).Select(png => MLImage.CreateFromStream(new MemoryStream(png)))];
        IReadOnlyList<EmotionPrediction> fromImages = fixture.Model.PredictBatch(decoded);

        Assert.Equal(images.Length, fromBytes.Count);
        for (int i = 0; i < images.Length; i++)
        {
            PredictionAssert.Matches([.. singles[i].Probabilities], fromBytes[i], $"image {i}");
        }

        for (int i = 0; i < 5; i++)
        {
            PredictionAssert.Matches([.. singles[i].Probabilities], fromPaths[i], $"path {i}");
            PredictionAssert.Matches([.. singles[i].Probabilities], fromImages[i], $"MLImage {i}");
            Assert.Equal(FaceInputContract.Width, decoded[i].Width);
            decoded[i].Dispose();
        }

        Assert.True(singles.Select(s => s.Emotion).Distinct().Count() > 1, "The test faces should not all get the same answer.");
        Assert.Empty(fixture.Model.PredictBatch(Array.Empty<byte[]>()));
    }

    [Fact]
    public void A_model_with_a_fixed_batch_of_one_serves_single_and_batch_calls()
    {
        using EmotionModel model = EmotionClassifier.FromStream(new MemoryStream(fixture.Canonical.ToOnnx(1, 48, 48, batch: 1)));
        byte[][] images = [TestFaces.GrayPng(1), TestFaces.GrayPng(2), TestFaces.GrayPng(3)];

        IReadOnlyList<EmotionPrediction> batch = model.PredictBatch(images);

        for (int i = 0; i < images.Length; i++)
        {
            float[] expected = fixture.Canonical.Expected(TestFaces.TrainingTensor(images[i]));
            PredictionAssert.Matches(expected, model.Predict(images[i]), $"single {i}");
            PredictionAssert.Matches(expected, batch[i], $"batch {i}");
        }
    }

    [Fact]
    public void Models_load_from_a_stream_as_from_a_file()
    {
        byte[] png = TestFaces.GrayPng(seed: 30);
        using var modelStream = new MemoryStream(fixture.Canonical.ToOnnx());

        using EmotionModel model = EmotionClassifier.FromStream(modelStream);

        Assert.Equal(fixture.Model.Predict(png), model.Predict(png));
    }
}
