using FerNet.Core;
using FerNet.Tooling.Evaluation;
using FerNet.Tooling.Metrics;
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
    // Images between progress reports when scoring pixels.
    private const int ProgressStep = 256;

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
        // A dataset read from files is scored from the files, exactly as library users score them.
        if (data.Sources is { } sources && sources.All(File.Exists))
        {
            return LabelledImageScoring.Predict(model, sources, progress);
        }

        var predicted = new EmotionPrediction[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            predicted[i] = model.PredictPixels(data.Image(i));
            if ((i + 1) % ProgressStep == 0 || i + 1 == data.Count)
            {
                progress?.Report(i + 1);
            }
        }

        return predicted;
    }
}
