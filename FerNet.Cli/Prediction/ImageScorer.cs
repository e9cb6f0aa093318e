using FerNet.Inference;

namespace FerNet.Cli.Prediction;

/// <summary>
/// Scores image files through the library's batch path a chunk at a time, so that one bad file
/// costs only itself: when a chunk fails on a file, that chunk's files are scored one by one and
/// each failure is recorded with the library's reason.
/// </summary>
internal static class ImageScorer
{
    // The library's own batch size: one ONNX Runtime run per chunk; a chunk is also one progress
    // step, one cancellation point, and what is retried file by file when it holds a bad file.
    private const int ChunkSize = 64;

    /// <summary>Scores <paramref name="images"/> with <see cref="PredictionModel.PredictBatch"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="images">The files, in output order.</param>
    /// <param name="progress">Called after each chunk with the number of files done.</param>
    /// <param name="cancellationToken">Checked before each chunk.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static PredictionResults ScoreAll(
        PredictionModel model,
        IReadOnlyList<ImageEntry> images,
        Action<int> progress,
        CancellationToken cancellationToken)
    {
        var scored = new List<ScoredImage>(images.Count);
        var skipped = new List<SkippedImage>();
        foreach (ImageEntry[] entries in images.Chunk(ChunkSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ImageEntry[] chunk = [.. entries.Where(image => image.Refusal is null)];
            skipped.AddRange(entries.Where(image => image.Refusal is not null).Select(image => new SkippedImage(image.Name, image.Refusal!)));
            IReadOnlyList<EmotionPrediction>? predictions = null;
            try
            {
                predictions = chunk.Length == 0 ? [] : model.PredictBatch(chunk.Select(image => image.Path));
            }
            catch (Exception e) when (IsFileFault(e))
            {
                foreach (ImageEntry image in chunk)
                {
                    ScoreOne(model, image, scored, skipped);
                }
            }

            if (predictions is not null)
            {
                scored.AddRange(chunk.Zip(predictions, (image, prediction) => new ScoredImage(image.Name, prediction)));
            }

            progress(scored.Count + skipped.Count);
        }

        return new PredictionResults(scored, skipped);
    }

    /// <summary>Scores one file with <see cref="PredictionModel.Predict"/>, the path of EmotionClassifier.Predict.</summary>
    public static PredictionResults ScoreSingle(PredictionModel model, ImageEntry image)
    {
        var scored = new List<ScoredImage>(1);
        var skipped = new List<SkippedImage>();
        ScoreOne(model, image, scored, skipped);
        return new PredictionResults(scored, skipped);
    }

    private static void ScoreOne(PredictionModel model, ImageEntry image, List<ScoredImage> scored, List<SkippedImage> skipped)
    {
        if (image.Refusal is not null)
        {
            skipped.Add(new SkippedImage(image.Name, image.Refusal));
            return;
        }

        try
        {
            scored.Add(new ScoredImage(image.Name, model.Predict(image.Path)));
        }
        catch (Exception e) when (IsFileFault(e))
        {
            skipped.Add(new SkippedImage(image.Name, e.Message));
        }
    }

    // Faults of one file (not an image, corrupt, too large, gone, unreadable); anything else, such
    // as a fault of the model, ends the run.
    private static bool IsFileFault(Exception e) => e is InvalidImageException or IOException or UnauthorizedAccessException;
}
