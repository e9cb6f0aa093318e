using FerNet.Core;
using FerNet.Core.Metrics;
using FerNet.Inference;
using FerNet.Training.Data;

namespace FerNet.Training.Evaluation;

/// <summary>
/// Scores an exported model the way a user of FerNet.Inference would: image files go through
/// <see cref="EmotionModel.PredictBatch(IEnumerable{string})"/> (decode, grayscale, resize, /255,
/// ONNX Runtime); data read from the challenge CSV has no files, so its pixels go through
/// <see cref="EmotionModel.PredictPixels(ReadOnlySpan{byte})"/>.
/// </summary>
internal static class OnnxModelEvaluation
{
    private const int Chunk = 256;

    /// <summary>The classification report of <paramref name="model"/> on <paramref name="data"/>.</summary>
    /// <param name="model">The exported model.</param>
    /// <param name="data">Labelled faces.</param>
    /// <param name="progress">Told how many images are scored so far.</param>
    public static ClassificationReport Evaluate(EmotionModel model, FaceDataset data, IProgress<long>? progress = null) =>
        ClassificationReport.FromPredictions(data.Labels, [.. Predict(model, data, progress).Select(prediction => prediction.Emotion)]);

    /// <summary>The prediction of <paramref name="model"/> for every face of <paramref name="data"/>, in order.</summary>
    /// <param name="model">The exported model.</param>
    /// <param name="data">Faces.</param>
    /// <param name="progress">Told how many images are scored so far.</param>
    public static EmotionPrediction[] Predict(EmotionModel model, FaceDataset data, IProgress<long>? progress = null)
    {
        var predicted = new EmotionPrediction[data.Count];
        bool fromFiles = data.Sources is { } sources && sources.All(File.Exists);
        for (int start = 0; start < data.Count; start += Chunk)
        {
            int count = Math.Min(Chunk, data.Count - start);
            if (fromFiles)
            {
                IReadOnlyList<EmotionPrediction> predictions = model.PredictBatch(data.Sources!.Skip(start).Take(count));
                for (int i = 0; i < count; i++)
                {
                    predicted[start + i] = predictions[i];
                }
            }
            else
            {
                for (int i = start; i < start + count; i++)
                {
                    predicted[i] = model.PredictPixels(data.Image(i));
                }
            }

            progress?.Report(start + count);
        }

        return predicted;
    }
}
