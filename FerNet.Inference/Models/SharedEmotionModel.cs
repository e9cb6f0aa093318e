using Microsoft.ML.Data;

namespace FerNet.Inference.Models;

/// <summary>
/// The process-wide default model behind <see cref="EmotionClassifier.Default"/>: every call goes to
/// one <see cref="EmotionModel"/> that lives as long as the process. It does not implement
/// <see cref="IDisposable"/>, so nothing that disposes what it is given (a dependency-injection
/// container, a <c>using</c> after a cast) can release the model under its other users.
/// </summary>
internal sealed class SharedEmotionModel(EmotionModel model) : IEmotionModel
{
    public EmotionModelOptions Options => model.Options;

    public IReadOnlyDictionary<string, string> Metadata => model.Metadata;

    public EmotionPrediction Predict(string imagePath) => model.Predict(imagePath);

    public EmotionPrediction Predict(Stream image) => model.Predict(image);

    public EmotionPrediction Predict(byte[] image) => model.Predict(image);

    public EmotionPrediction Predict(MLImage image) => model.Predict(image);

    public EmotionPrediction PredictPixels(ReadOnlySpan<byte> pixels) => model.PredictPixels(pixels);

    public EmotionPrediction PredictPixels(ReadOnlySpan<float> pixels) => model.PredictPixels(pixels);

    public IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<string> imagePaths) => model.PredictBatch(imagePaths);

    public IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<byte[]> images) => model.PredictBatch(images);

    public IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<MLImage> images) => model.PredictBatch(images);
}
