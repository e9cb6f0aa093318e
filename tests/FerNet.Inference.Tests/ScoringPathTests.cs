using FerNet.Core;
using FerNet.Inference;
using Microsoft.ML.Data;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Inference.Tests;

/// <summary>
/// Every way into a model (file, bytes, stream, in-memory image, pixel buffers, batches) reaches the
/// same preprocessing and the same session, so on one face they give one answer; flip test-time
/// augmentation is, on every path, the mean of the face's and its mirror image's answers.
/// </summary>
public sealed class ScoringPathTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>
{
    [Theory]
    [InlineData(TestTimeAugmentation.None)]
    [InlineData(TestTimeAugmentation.HorizontalFlip)]
    public void All_paths_agree_on_one_face(TestTimeAugmentation augmentation)
    {
        EmotionModel model = augmentation == TestTimeAugmentation.None ? fixture.Model : fixture.MirroringModel;
        byte[] png = TestFaces.GrayPng(seed: 60);
        string path = fixture.WriteFile("agreeing-face.png", png);
        float[] scaled = TestFaces.TrainingTensor(png);
        byte[] gray = Array.ConvertAll(scaled, value => (byte)Math.Round(value * 255));
        byte[][] batch = [TestFaces.GrayPng(seed: 61), png, TestFaces.GrayPng(seed: 62)];
        using MLImage image = MLImage.CreateFromStream(new MemoryStream(png));
        using var stream = new MemoryStream(png);

        EmotionPrediction reference = model.Predict(path);
        var others = new Dictionary<string, EmotionPrediction>
        {
            ["Predict(byte[])"] = model.Predict(png),
            ["Predict(Stream)"] = model.Predict(stream),
            ["Predict(MLImage)"] = model.Predict(image),
            ["PredictPixels(bytes)"] = model.PredictPixels(gray),
            ["PredictPixels(floats)"] = model.PredictPixels(scaled),
            ["PredictBatch(paths)"] = model.PredictBatch(batch.Select((face, i) => fixture.WriteFile($"agreeing-batch{i}.png", face)))[1],
            ["PredictBatch(bytes)"] = model.PredictBatch(batch)[1],
            ["PredictBatch(MLImage)"] = model.PredictBatch([image])[0],
        };

        foreach ((string route, EmotionPrediction prediction) in others)
        {
            PredictionAssert.Matches([.. reference.Probabilities], prediction, route);
        }

        PredictionAssert.Matches(fixture.Canonical.Expected(scaled), fixture.Model.Predict(path), "without flip");
        if (augmentation == TestTimeAugmentation.HorizontalFlip)
        {
            float[] face = [.. fixture.Model.PredictPixels(scaled).Probabilities];
            float[] mirror = [.. fixture.Model.PredictPixels(Mirrored(scaled)).Probabilities];
            PredictionAssert.Matches([.. face.Zip(mirror, (a, b) => (a + b) / 2)], reference, "flip as the mean of face and mirror");
        }
    }

    private static float[] Mirrored(float[] face)
    {
        var mirrored = new float[face.Length];
        for (int row = 0; row < FaceInputContract.Height; row++)
        {
            for (int column = 0; column < FaceInputContract.Width; column++)
            {
                mirrored[(row * FaceInputContract.Width) + column] = face[(row * FaceInputContract.Width) + FaceInputContract.Width - 1 - column];
            }
        }

        return mirrored;
    }
}
