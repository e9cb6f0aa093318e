using FerNet.Inference;
using FerNet.Tooling.Evaluation;
using FerNet.Tooling.Metrics;
using FerNet.Tooling.Terminal;

namespace FerNet.Cli.Evaluation;

/// <summary>Scores labelled images as a library user would (<see cref="LabelledImageScoring"/>) and compares the answers with the labels.</summary>
internal static class FolderEvaluation
{
    /// <summary>The classification report of <paramref name="model"/> on <paramref name="images"/>, with a progress bar on <paramref name="progressOutput"/>.</summary>
    /// <exception cref="InvalidImageException">A file is no usable image; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ClassificationReport Evaluate(IEmotionModel model, LabelledImages images, TextWriter progressOutput, CancellationToken cancellationToken)
    {
        EmotionPrediction[] predictions = ConsoleProgressBar.Show(
            progressOutput,
            "Scoring",
            images.Paths.Count,
            "img",
            progress => LabelledImageScoring.Predict(model, images.Paths, progress, cancellationToken));
        return ClassificationReport.FromPredictions([.. images.Labels], [.. predictions.Select(prediction => prediction.Emotion)]);
    }
}
