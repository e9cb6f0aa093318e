using System.Globalization;
using FerNet.Core;
using FerNet.Faces;
using FerNet.Faces.Video;

namespace FerNet.Benchmarks.Faces;

/// <summary>
/// Accuracy of <see cref="FaceEmotionAnalyzer"/> with and without <see cref="FaceAnalysisOptions.AlignFaces"/>
/// on photos generated from every FER2013 PublicTest face (<see cref="TiltedFace"/>, seed 26), by
/// tilt. A face counts as detected when the most confident box that holds the face's centre
/// exists; accuracy is over the detected faces, which are the same with and without alignment (one
/// detector, one photo). Prints a Markdown table and the mean gap between the eye-line angle YuNet's
/// landmarks give and the tilt the face was given.
/// </summary>
internal static class AlignmentEvaluation
{
    private const int Seed = 26;
    private static readonly double[] BucketEdges = [10, 20, 30];

    /// <param name="maxTilt">Tilts are drawn from [-maxTilt, maxTilt] degrees; 0 keeps every face upright.</param>
    /// <param name="limit">Evaluate only the first this many faces of each class; null for all.</param>
    public static int Run(double maxTilt, int? limit)
    {
        (string Path, Emotion Label)[] faces = [.. EmotionLabels.All.SelectMany(emotion =>
            Directory.GetFiles(Path.Combine(BenchmarkFrame.TestFolder, EmotionLabels.Name(emotion)))
                .Order(StringComparer.Ordinal)
                .Take(limit ?? int.MaxValue)
                .Select(path => (path, emotion)))];
        using var plain = new FaceEmotionAnalyzer(new YuNetFaceDetector(BenchmarkFrame.DetectorPath), options: new FaceAnalysisOptions { AlignFaces = false });
        using var aligned = new FaceEmotionAnalyzer(new YuNetFaceDetector(BenchmarkFrame.DetectorPath), options: new FaceAnalysisOptions { AlignFaces = true });
        var random = new Random(Seed);
        var buckets = new AlignmentTally[BucketEdges.Length];
        var all = new AlignmentTally();
        double angleGap = 0;
        for (int i = 0; i < buckets.Length; i++)
        {
            buckets[i] = new AlignmentTally();
        }

        foreach ((string path, Emotion label) in faces)
        {
            TiltedFace generated = TiltedFace.Generate(path, label, maxTilt, random);
            using (generated.Photo)
            {
                FaceEmotion? withoutAlignment = Holding(plain.Analyze(generated.Photo), generated);
                FaceEmotion? withAlignment = Holding(aligned.Analyze(generated.Photo), generated);
                int bucket = Math.Min(BucketEdges.Length - 1, (int)(Math.Abs(generated.Tilt) / BucketEdges[0]));
                foreach (AlignmentTally tally in new[] { buckets[bucket], all })
                {
                    tally.Add(label, withoutAlignment, withAlignment);
                }

                if (withAlignment?.Landmarks is FaceLandmarks landmarks)
                {
                    angleGap += Math.Abs(landmarks.EyeLineAngle - generated.Tilt);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FER2013 PublicTest faces ({faces.Length}), upscaled to 150-200 px, on canvases twice their side, tilted by up to {maxTilt:0} degrees (seed {Seed}):"));
        Console.WriteLine();
        Console.WriteLine("| tilt | photos | face detected | accuracy, crop as detected | accuracy, turned upright on the eyes |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        for (int i = 0; i < buckets.Length; i++)
        {
            if (buckets[i].Photos > 0)
            {
                Console.WriteLine(buckets[i].Row(string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? 0 : BucketEdges[i - 1]):0}-{BucketEdges[i]:0} degrees")));
            }
        }

        Console.WriteLine(all.Row("all"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Mean gap between the landmarks' eye-line angle and the tilt given: {angleGap / Math.Max(1, all.Detected):0.0} degrees."));
        return 0;
    }

    // The most confident face whose box holds the generated face's centre; faces come most confident first.
    private static FaceEmotion? Holding(IReadOnlyList<FaceEmotion> found, TiltedFace generated) =>
        found.FirstOrDefault(face =>
            generated.Centre.X >= face.Box.X && generated.Centre.X < face.Box.Right
            && generated.Centre.Y >= face.Box.Y && generated.Centre.Y < face.Box.Bottom);
}
