using FerNet.Cli.Terminal;
using FerNet.Core;
using FerNet.Core.Metrics;
using FerNet.Inference;

namespace FerNet.Cli.Evaluation;

/// <summary>Scores labelled images with <see cref="EmotionModel.PredictBatch(IEnumerable{string})"/>, the path library users get, and compares the answers with the labels.</summary>
internal static class FolderEvaluation
{
    // Images per PredictBatch call: one ONNX Runtime run, one progress step, one cancellation point.
    private const int ChunkSize = 256;

    /// <summary>The classification report of <paramref name="model"/> on <paramref name="images"/>, with a progress bar on <paramref name="progressOutput"/>.</summary>
    /// <exception cref="InvalidImageException">A file is no usable image; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ClassificationReport Evaluate(IEmotionModel model, LabelledImages images, TextWriter progressOutput, CancellationToken cancellationToken)
    {
        var predicted = new Emotion[images.Paths.Count];
        var progress = new ConsoleProgressBar(progressOutput, "Scoring", predicted.Length, "img");
        try
        {
            int done = 0;
            foreach (string[] chunk in images.Paths.Chunk(ChunkSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                IReadOnlyList<EmotionPrediction> predictions = model.PredictBatch(chunk);
                for (int i = 0; i < chunk.Length; i++)
                {
                    predicted[done + i] = predictions[i].Emotion;
                }

                done += chunk.Length;
                progress.Report(done);
            }
        }
        finally
        {
            progress.Finish();
        }

        return ClassificationReport.FromPredictions([.. images.Labels], predicted);
    }
}
