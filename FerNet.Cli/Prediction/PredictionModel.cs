using FerNet.Core;
using FerNet.Inference;

namespace FerNet.Cli.Prediction;

/// <summary>
/// The model the predict verb scores with: a FerNet .onnx file loaded with
/// <see cref="EmotionClassifier.Load(string)"/>, or, without one, the default model behind
/// <see cref="EmotionClassifier"/>'s static methods, reached exactly as a library user reaches it.
/// </summary>
internal sealed class PredictionModel : IDisposable
{
    private readonly EmotionModel? _loaded;

    private PredictionModel(EmotionModel? loaded)
    {
        _loaded = loaded;
    }

    /// <summary>Loads the model file, or makes sure the default model is there.</summary>
    /// <param name="modelPath">A FerNet .onnx file; null for the embedded default model.</param>
    /// <exception cref="PredictionSetupException">The file is missing or no FerNet model, or no default model is embedded.</exception>
    public static PredictionModel Open(string? modelPath)
    {
        if (modelPath is null)
        {
            try
            {
                // The default model loads on first use; a blank face makes that happen now, so that
                // a build without one fails before any work rather than on the first image.
                EmotionClassifier.PredictPixels(new byte[FaceInputContract.PixelCount]);
            }
            catch (InvalidOperationException e)
            {
                throw new PredictionSetupException($"{e.Message} Name a model with --model file.onnx.", e);
            }
            catch (InvalidModelException e)
            {
                throw new PredictionSetupException(e.Message, e);
            }

            return new PredictionModel(null);
        }

        if (!File.Exists(modelPath))
        {
            throw new PredictionSetupException($"Model file '{modelPath}' does not exist.");
        }

        try
        {
            return new PredictionModel(EmotionClassifier.Load(modelPath));
        }
        catch (InvalidModelException e)
        {
            throw new PredictionSetupException(e.Message, e);
        }
    }

    /// <summary>The model file loaded with <see cref="EmotionClassifier.Load"/>, or null when the default model is used.</summary>
    public EmotionModel? Loaded => _loaded;

    /// <summary>Classifies one image file; see <see cref="EmotionModel.Predict(string)"/>.</summary>
    public EmotionPrediction Predict(string imagePath) =>
        _loaded is null ? EmotionClassifier.Predict(imagePath) : _loaded.Predict(imagePath);

    /// <summary>Classifies image files in one batch; see <see cref="EmotionModel.PredictBatch(IEnumerable{string})"/>.</summary>
    public IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<string> imagePaths) =>
        _loaded is null ? EmotionClassifier.PredictBatch(imagePaths) : _loaded.PredictBatch(imagePaths);

    /// <inheritdoc/>
    public void Dispose() => _loaded?.Dispose();
}
