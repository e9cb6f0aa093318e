using FerNet.Inference;

namespace FerNet.Tooling.Evaluation;

/// <summary>
/// Scores image files with <see cref="IEmotionModel.PredictBatch(IEnumerable{string})"/>, the path
/// library users get, in chunks: one ONNX Runtime run, one progress step and one cancellation point
/// each. Both <c>evaluate</c> verbs score labelled folders through it.
/// </summary>
public static class LabelledImageScoring
{
    // Large enough for ONNX Runtime to reach its batch throughput, small enough for frequent progress.
    private const int ChunkSize = 256;

    /// <summary>The predictions for <paramref name="imagePaths"/>, in their order.</summary>
    /// <param name="model">The model to score with.</param>
    /// <param name="imagePaths">Face crops, one file each.</param>
    /// <param name="progress">Told how many images are done after each chunk; null for none.</param>
    /// <param name="cancellationToken">Checked before each chunk.</param>
    /// <exception cref="InvalidImageException">A file is no usable image; the message names it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static EmotionPrediction[] Predict(IEmotionModel model, IReadOnlyList<string> imagePaths, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(imagePaths);
        var predictions = new EmotionPrediction[imagePaths.Count];
        int done = 0;
        foreach (string[] chunk in imagePaths.Chunk(ChunkSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<EmotionPrediction> scored = model.PredictBatch(chunk);
            for (int i = 0; i < chunk.Length; i++)
            {
                predictions[done + i] = scored[i];
            }

            done += chunk.Length;
            progress?.Report(done);
        }

        return predictions;
    }
}
