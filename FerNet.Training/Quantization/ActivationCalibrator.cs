using FerNet.Core;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace FerNet.Training.Quantization;

/// <summary>
/// Measures the ranges of a float model's intermediate tensors on calibration images: the tensors
/// become extra graph outputs and ONNX Runtime scores the images, so the ranges are those of the very
/// graph that is quantized.
/// </summary>
internal static class ActivationCalibrator
{
    /// <summary>The range of each of <paramref name="tensors"/> over <paramref name="pixels"/> (pixel/255 values, image after image).</summary>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> holds no whole image.</exception>
    public static IReadOnlyDictionary<string, ActivationRange> Calibrate(
        ModelProto model, IReadOnlyCollection<string> tensors, float[] pixels, QuantizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(options);
        if (pixels.Length == 0 || pixels.Length % FaceInputContract.PixelCount != 0)
        {
            throw new ArgumentException($"Calibration needs whole 48x48 images; got {pixels.Length} values.", nameof(pixels));
        }

        // The graph input cannot also be a graph output; its range is the pixels' own.
        var ranges = new Dictionary<string, ActivationRange>();
        if (tensors.Contains(FaceInputContract.InputName))
        {
            ranges[FaceInputContract.InputName] = new ActivationRange(pixels.Min(), pixels.Max());
        }

        string[] outputs = [.. tensors.Where(t => t != FaceInputContract.InputName)];
        if (outputs.Length == 0)
        {
            return ranges;
        }

        ModelProto probe = model.Clone();
        var existing = probe.Graph.Output.Select(o => o.Name).ToHashSet();
        foreach (string name in outputs.Where(n => !existing.Contains(n)))
        {
            probe.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }

        using var session = new InferenceSession(probe.ToByteArray());
        var minMax = outputs.ToDictionary(n => n, _ => new ActivationRange(float.PositiveInfinity, float.NegativeInfinity));
        Run(session, outputs, pixels, options.BatchSize, (name, values) =>
        {
            ActivationRange seen = minMax[name];
            float min = seen.Min, max = seen.Max;
            foreach (float value in values)
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }

            minMax[name] = new ActivationRange(min, max);
        });

        if (options.Method == CalibrationMethod.MinMax)
        {
            foreach ((string name, ActivationRange range) in minMax)
            {
                ranges[name] = range;
            }

            return ranges;
        }

        // A second pass, now that each tensor's extent is known, fills fixed-width histograms.
        var histograms = minMax.ToDictionary(p => p.Key, p => new ValueHistogram(p.Value.Min, p.Value.Max));
        Run(session, outputs, pixels, options.BatchSize, (name, values) => histograms[name].Add(values));
        foreach ((string name, ValueHistogram histogram) in histograms)
        {
            ActivationRange extent = minMax[name];
            // A tensor that never goes negative (every ReLU output) keeps 0 as its floor, exactly.
            float low = extent.Min >= 0 ? extent.Min : Math.Max(extent.Min, histogram.Percentile(100 - options.Percentile));
            float high = Math.Min(extent.Max, histogram.Percentile(options.Percentile));
            ranges[name] = new ActivationRange(low, high);
        }

        return ranges;
    }

    private static void Run(InferenceSession session, string[] outputs, float[] pixels, int batchSize, Action<string, ReadOnlySpan<float>> observe)
    {
        int count = pixels.Length / FaceInputContract.PixelCount;
        using var runOptions = new RunOptions();
        for (int start = 0; start < count; start += batchSize)
        {
            int size = Math.Min(batchSize, count - start);
            float[] batch = pixels.AsSpan(start * FaceInputContract.PixelCount, size * FaceInputContract.PixelCount).ToArray();
            using OrtValue input = OrtValue.CreateTensorValueFromMemory(batch, [size, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width]);
            using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, [FaceInputContract.InputName], [input], outputs);
            for (int i = 0; i < outputs.Length; i++)
            {
                observe(outputs[i], results[i].GetTensorDataAsSpan<float>());
            }
        }
    }
}
