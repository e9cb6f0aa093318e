using Microsoft.ML.Data;

namespace FerNet.Inference;

/// <summary>
/// A loaded emotion model, as seen by code that uses it but does not own it: everything an
/// <see cref="EmotionModel"/> does except <see cref="EmotionModel.Dispose"/>. The shared
/// <see cref="EmotionClassifier.Default"/> is handed out this way, and code that only predicts, such
/// as a face analyzer, takes one. Every member may be called from many threads at once.
/// </summary>
public interface IEmotionModel
{
    /// <inheritdoc cref="EmotionModel.Options"/>
    EmotionModelOptions Options { get; }

    /// <inheritdoc cref="EmotionModel.Metadata"/>
    IReadOnlyDictionary<string, string> Metadata { get; }

    /// <inheritdoc cref="EmotionModel.Predict(string)"/>
    EmotionPrediction Predict(string imagePath);

    /// <inheritdoc cref="EmotionModel.Predict(Stream)"/>
    EmotionPrediction Predict(Stream image);

    /// <inheritdoc cref="EmotionModel.Predict(byte[])"/>
    EmotionPrediction Predict(byte[] image);

    /// <inheritdoc cref="EmotionModel.Predict(MLImage)"/>
    EmotionPrediction Predict(MLImage image);

    /// <inheritdoc cref="EmotionModel.PredictPixels(ReadOnlySpan{byte})"/>
    EmotionPrediction PredictPixels(ReadOnlySpan<byte> pixels);

    /// <inheritdoc cref="EmotionModel.PredictPixels(ReadOnlySpan{float})"/>
    EmotionPrediction PredictPixels(ReadOnlySpan<float> pixels);

    /// <inheritdoc cref="EmotionModel.PredictBatch(IEnumerable{string})"/>
    IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<string> imagePaths);

    /// <inheritdoc cref="EmotionModel.PredictBatch(IEnumerable{byte[]})"/>
    IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<byte[]> images);

    /// <inheritdoc cref="EmotionModel.PredictBatch(IEnumerable{MLImage})"/>
    IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<MLImage> images);
}
