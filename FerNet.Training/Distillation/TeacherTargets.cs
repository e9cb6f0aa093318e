using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FerNet.Core;
using FerNet.Common.IO;
using FerNet.Inference;
using FerNet.Training.Data;
using FerNet.Training.Export;
using Microsoft.ML.OnnxRuntime;

namespace FerNet.Training.Distillation;

/// <summary>
/// A teacher model's soft targets for every training image, computed once before training: the log of
/// the mean of the teacher's probabilities for the image and for its mirror image, scored through ONNX
/// Runtime. Any FerNet .onnx can teach, an ensemble included.
/// </summary>
/// <remarks>
/// Scoring ahead of time rather than per batch costs two teacher passes over the data once, where a
/// per-batch teacher would run on every augmented batch of every epoch; the ensemble teacher costs
/// four student networks per image, more than the training step itself. The augmented view of an image
/// (shifted, zoomed, rotated, erased) is given the teacher's target for the whole image; averaging over
/// the mirror pair makes that target the same whether or not the view was flipped. Targets are cached in
/// the run folder under <see cref="FileName"/>, keyed by the teacher's and the images' SHA-256, so a
/// resumed run does not score them again.
/// </remarks>
internal static class TeacherTargets
{
    /// <summary>The cache file in a run folder.</summary>
    public const string FileName = "teacher-targets.bin";

    private const string Magic = "FERNET-TEACHER-TARGETS-1";
    private const int ChunkImages = 1024;

    /// <summary>
    /// The teacher's log-probabilities for every image of <paramref name="data"/>, [Count, 7] row-major,
    /// from the cache in <paramref name="runDirectory"/> when it matches, else scored and cached.
    /// </summary>
    /// <exception cref="InvalidModelException">ONNX Runtime cannot load or run the teacher as a FerNet model.</exception>
    public static float[] Load(string teacherPath, FaceDataset data, string runDirectory, TextWriter log)
    {
        string key = Key(teacherPath, data);
        string cachePath = Path.Combine(runDirectory, FileName);
        if (TryReadCache(cachePath, key, data.Count) is float[] cached)
        {
            log.WriteLine($"Teacher targets: read from {cachePath}.");
            return cached;
        }

        log.WriteLine($"Teacher targets: scoring {data.Count:N0} training images and their mirror images with {teacherPath} ...");
        var clock = Stopwatch.StartNew();
        float[] targets = Score(teacherPath, data, log);
        log.WriteLine($"Teacher targets: {2 * data.Count:N0} faces in {clock.Elapsed.TotalSeconds:F0} s ({2 * data.Count / clock.Elapsed.TotalSeconds:F0} faces/s).");
        WriteCache(cachePath, key, targets);
        return targets;
    }

    /// <summary>Scores <paramref name="data"/> and its mirror image with the teacher; returns log mean probabilities.</summary>
    internal static float[] Score(string teacherPath, FaceDataset data, TextWriter? log)
    {
        OnnxModelRunner teacher;
        try
        {
            teacher = new OnnxModelRunner(teacherPath);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException($"The teacher {teacherPath} cannot be loaded by ONNX Runtime: {e.Message}", e);
        }

        using (teacher)
        {
            var targets = new float[data.Count * EmotionLabels.Count];
            int reported = 0;
            for (int start = 0; start < data.Count; start += ChunkImages)
            {
                int count = Math.Min(ChunkImages, data.Count - start);
                (float[] upright, float[] mirrored) = Pixels(data, start, count);
                IReadOnlyList<float> p = ScoreChunk(teacher, teacherPath, upright);
                IReadOnlyList<float> q = ScoreChunk(teacher, teacherPath, mirrored);
                for (int i = 0; i < p.Count; i++)
                {
                    targets[start * EmotionLabels.Count + i] = MathF.Log(Math.Max(0.5f * (p[i] + q[i]), 1e-8f));
                }

                int percent = (start + count) * 100 / data.Count;
                if (log is not null && percent / 10 > reported)
                {
                    reported = percent / 10;
                    log.WriteLine($"Teacher targets: {percent} %");
                }
            }

            return targets;
        }
    }

    private static IReadOnlyList<float> ScoreChunk(OnnxModelRunner teacher, string teacherPath, float[] pixels)
    {
        try
        {
            return teacher.Score(pixels, 256).Probabilities;
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException($"The teacher {teacherPath} does not map FerNet's input to 'probabilities': {e.Message}", e);
        }
    }

    private static (float[] Upright, float[] Mirrored) Pixels(FaceDataset data, int start, int count)
    {
        var upright = new float[count * FaceInputContract.PixelCount];
        var mirrored = new float[upright.Length];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> image = data.Image(start + i);
            int offset = i * FaceInputContract.PixelCount;
            for (int y = 0; y < FaceInputContract.Height; y++)
            {
                for (int x = 0; x < FaceInputContract.Width; x++)
                {
                    float value = image[y * FaceInputContract.Width + x] * FaceInputContract.PixelScale;
                    upright[offset + y * FaceInputContract.Width + x] = value;
                    mirrored[offset + y * FaceInputContract.Width + (FaceInputContract.Width - 1 - x)] = value;
                }
            }
        }

        return (upright, mirrored);
    }

    private static string Key(string teacherPath, FaceDataset data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (FileStream teacher = File.OpenRead(teacherPath))
        {
            hash.AppendData(SHA256.HashData(teacher));
        }

        hash.AppendData(data.Pixels);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static float[]? TryReadCache(string path, string key, int count)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != key || reader.ReadInt32() != count * EmotionLabels.Count)
            {
                return null;
            }

            var targets = new float[count * EmotionLabels.Count];
            byte[] bytes = reader.ReadBytes(targets.Length * sizeof(float));
            if (bytes.Length != targets.Length * sizeof(float))
            {
                return null;
            }

            Buffer.BlockCopy(bytes, 0, targets, 0, bytes.Length);
            return targets;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return null;
        }
    }

    private static void WriteCache(string path, string key, float[] targets)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(key);
            writer.Write(targets.Length);
            var bytes = new byte[targets.Length * sizeof(float)];
            Buffer.BlockCopy(targets, 0, bytes, 0, bytes.Length);
            writer.Write(bytes);
        });
    }
}
