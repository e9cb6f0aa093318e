using FerNet.Core;
using FerNet.Inference;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Inference.Tests;

public sealed class TestTimeAugmentationTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>
{
    [Fact]
    public void Flip_averages_the_face_and_its_mirror_image()
    {
        for (int seed = 30; seed < 33; seed++)
        {
            byte[] png = TestFaces.GrayPng(seed);
            float[] face = TestFaces.TrainingTensor(png);

            EmotionPrediction prediction = fixture.MirroringModel.Predict(png);

            PredictionAssert.Matches(ExpectedWithFlip(face), prediction, $"seed {seed}");
            Assert.NotEqual(fixture.Model.Predict(png), prediction);
        }
    }

    [Fact]
    public void Flip_applies_to_pixel_buffers_and_leaves_the_callers_buffer_alone()
    {
        byte[] png = TestFaces.GrayPng(seed: 40);
        float[] face = TestFaces.TrainingTensor(png);
        float[] untouched = (float[])face.Clone();
        byte[] bytes = Array.ConvertAll(face, value => (byte)Math.Round(value * 255));

        PredictionAssert.Matches(ExpectedWithFlip(face), fixture.MirroringModel.PredictPixels(face), "floats");
        PredictionAssert.Matches(ExpectedWithFlip(face), fixture.MirroringModel.PredictPixels(bytes), "bytes");
        Assert.Equal(untouched, face);
    }

    [Fact]
    public void Batches_with_flip_match_single_predictions_across_chunk_boundaries()
    {
        byte[][] faces = [.. Enumerable.Range(100, 70).Select(TestFaces.GrayPng)];

        IReadOnlyList<EmotionPrediction> batch = fixture.MirroringModel.PredictBatch(faces);

        Assert.Equal(faces.Length, batch.Count);
        for (int i = 0; i < faces.Length; i++)
        {
            PredictionAssert.Matches(ExpectedWithFlip(TestFaces.TrainingTensor(faces[i])), batch[i], $"face {i}");
        }
    }

    [Fact]
    public void Batches_with_flip_on_a_model_with_a_fixed_batch_of_one_score_face_by_face()
    {
        var flip = new EmotionModelOptions { TestTimeAugmentation = TestTimeAugmentation.HorizontalFlip };
        using EmotionModel model = EmotionClassifier.FromStream(new MemoryStream(fixture.Canonical.ToOnnx(1, 48, 48, batch: 1)), flip);
        byte[][] faces = [.. Enumerable.Range(200, 3).Select(TestFaces.GrayPng)];

        IReadOnlyList<EmotionPrediction> batch = model.PredictBatch(faces);

        for (int i = 0; i < faces.Length; i++)
        {
            PredictionAssert.Matches(ExpectedWithFlip(TestFaces.TrainingTensor(faces[i])), batch[i], $"face {i}");
            PredictionAssert.Matches(ExpectedWithFlip(TestFaces.TrainingTensor(faces[i])), model.Predict(faces[i]), $"single face {i}");
        }
    }

    [Fact]
    public void Options_say_how_the_model_was_loaded_and_refuse_undefined_values()
    {
        Assert.Equal(TestTimeAugmentation.HorizontalFlip, fixture.MirroringModel.Options.TestTimeAugmentation);
        Assert.Equal(TestTimeAugmentation.None, fixture.Model.Options.TestTimeAugmentation);
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new EmotionModelOptions { TestTimeAugmentation = (TestTimeAugmentation)7 });
        Assert.Contains("7", error.Message, StringComparison.Ordinal);
    }

    private float[] ExpectedWithFlip(float[] face)
    {
        var mirrored = new float[face.Length];
        for (int y = 0; y < FaceInputContract.Height; y++)
        {
            for (int x = 0; x < FaceInputContract.Width; x++)
            {
                mirrored[(y * FaceInputContract.Width) + x] = face[(y * FaceInputContract.Width) + (FaceInputContract.Width - 1 - x)];
            }
        }

        float[] plain = fixture.Canonical.Expected(face);
        float[] flipped = fixture.Canonical.Expected(mirrored);
        return [.. plain.Zip(flipped, (a, b) => (a + b) / 2)];
    }
}
