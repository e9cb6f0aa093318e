using System.Globalization;
using FerNet.Core;
using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Inference;
using FerNet.Testing.Faces;
using FerNet.Testing.Images;
using FerNet.Testing.Models;
using FerNet.Testing.Processes;
using OpenCvSharp;

namespace FerNet.Faces.Tests.Packaging;

/// <summary>
/// Runs a console app outside the solution that references the packed FerNet.Faces (and through it
/// FerNet.Inference), as a user's app does, and checks its answers against the library in this
/// process. The version is unique and the app restores into a private packages folder (with the
/// machine's global folder as a read-only fallback), so no stale FerNet package can be picked up
/// from a cache and none is left in it.
/// </summary>
public sealed class PackageConsumerTests(ConsumerAppFixture consumer) : IClassFixture<ConsumerAppFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fernet-consumer-inputs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_console_app_referencing_the_package_classifies_a_face()
    {
        var linear = new LinearFaceModel(seed: 41, EmotionLabels.Names);
        byte[] face = TestFaces.GrayPng(seed: 42);
        string modelPath = Path.Combine(_root, "model.onnx");
        string facePath = Path.Combine(_root, "face.png");
        File.WriteAllBytes(modelPath, linear.ToOnnx());
        File.WriteAllBytes(facePath, face);

        string[] lines = consumer.Run("linear", modelPath, facePath);

        float[] expected = linear.Expected(TestFaces.TrainingTensor(face));
        float[] probabilities = Numbers(Value(lines, "probabilities"));
        Assert.Equal(expected.Length, probabilities.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - probabilities[i]) <= PredictionAssert.Tolerance, $"P({EmotionLabels.Names[i]}) printed {probabilities[i]}, expected {expected[i]}.\n{string.Join('\n', lines)}");
        }

        Assert.Equal(((Emotion)Array.IndexOf(expected, expected.Max())).ToString(), Value(lines, "emotion"));
        bool defaultEmbedded = typeof(EmotionClassifier).Assembly.GetManifestResourceNames().Any(name => name.EndsWith(".fernet-default.onnx", StringComparison.Ordinal));
        Assert.StartsWith(defaultEmbedded ? "predicted" : "missing: No default model is embedded", Value(lines, "default"));
    }

    [Fact]
    public void The_consumer_scores_FER2013_faces_upscaled_to_150_to_600_pixels_as_the_repository_does()
    {
        string crops = Directory.CreateDirectory(Path.Combine(_root, "crops")).FullName;
        Mat[] faces = FaceCanvas.FerFaces(14, side: 48);
        for (int i = 0; i < faces.Length; i++)
        {
            // Square and taller-than-wide crops, as PNG and JPEG, from 150 to 600 pixels wide.
            int width = 150 + (i * 450 / (faces.Length - 1));
            int height = i % 3 == 2 ? width * 5 / 4 : width;
            using var resized = faces[i].Resize(new Size(width, height), interpolation: InterpolationFlags.Cubic);
            Assert.True(Cv2.ImWrite(Path.Combine(crops, $"face-{i:00}.{(i % 2 == 0 ? "png" : "jpg")}"), resized));
            faces[i].Dispose();
        }

        string[] lines = consumer.Run("crops", crops);

        string[] files = [.. Directory.GetFiles(crops).Order(StringComparer.Ordinal)];
        Assert.Equal(files.Length, lines.Length - 1);
        foreach (string file in files)
        {
            float[] printed = Numbers(Value(lines, Path.GetFileName(file)));
            AssertClose(EmotionClassifier.Predict(file).Probabilities, printed, $"{Path.GetFileName(file)}; the consumer ran SkiaSharp {Value(lines, "skiasharp")}");
        }
    }

    [Fact]
    public void The_consumer_finds_and_scores_the_faces_of_photos_as_the_repository_does()
    {
        string photos = Directory.CreateDirectory(Path.Combine(_root, "photos")).FullName;
        int[] sides = [150, 200, 260];
        for (int photo = 0; photo < sides.Length; photo++)
        {
            int side = sides[photo];
            Mat[] faces = FaceCanvas.FerFaces(2 + photo, side);
            using Mat canvas = FaceCanvas.Compose(40 + (faces.Length * (side + 40)), side + 160, faces.Select((face, i) => (face, new Point(40 + (i * (side + 40)), 40 + (30 * i)))));
            Assert.True(Cv2.ImWrite(Path.Combine(photos, $"photo-{photo}.png"), canvas));
            Array.ForEach(faces, face => face.Dispose());
        }

        string[] lines = consumer.Run("photos", photos);

        using var analyzer = new FaceEmotionAnalyzer();
        foreach (string file in Directory.GetFiles(photos).Order(StringComparer.Ordinal))
        {
            IReadOnlyList<FaceEmotion> expected = analyzer.Analyze(file);
            string[] printed = Value(lines, Path.GetFileName(file)).Split(';', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(expected.Count > 0, $"No face found in {Path.GetFileName(file)}.");
            Assert.Equal(expected.Count, printed.Length);
            for (int i = 0; i < expected.Count; i++)
            {
                string[] parts = printed[i].Split(':');
                FaceBox box = expected[i].Box;
                Assert.Equal($"{box.X},{box.Y},{box.Width},{box.Height}", parts[0]);
                AssertClose(expected[i].Prediction.Probabilities, Numbers(parts[1]), $"face {i + 1} of {Path.GetFileName(file)}; the consumer ran SkiaSharp {Value(lines, "skiasharp")}");
            }
        }
    }

    [Fact]
    public void Restoring_the_consumer_leaves_no_FerNet_package_in_the_machine_cache() =>
        Assert.False(consumer.MachineCacheHoldsThisVersion(), $"A FerNet package {consumer.Version} was left in {LocalFeedConfig.MachinePackagesFolder()}.");

    private static void AssertClose(IReadOnlyList<float> expected, float[] actual, string what)
    {
        Assert.Equal(expected.Count, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= PredictionAssert.Tolerance,
                string.Create(CultureInfo.InvariantCulture, $"P({EmotionLabels.Names[i]}) of {what}: the consumer printed {actual[i]}, this process computed {expected[i]}."));
        }
    }

    private static float[] Numbers(string text) => [.. text.Split(',').Select(p => float.Parse(p, CultureInfo.InvariantCulture))];

    private static string Value(string[] lines, string key) =>
        lines.SingleOrDefault(line => line.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..]
        ?? throw new Xunit.Sdk.XunitException($"The consumer printed no '{key}=' line:\n{string.Join('\n', lines)}");
}
