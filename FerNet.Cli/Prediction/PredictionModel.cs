using FerNet.Common.IO;
using FerNet.Cli.Files;
using FerNet.Inference;

namespace FerNet.Cli.Prediction;

/// <summary>
/// The model the predict and faces verbs score with: a FerNet .onnx file loaded with
/// <see cref="EmotionClassifier.Load"/>, or, without one, the shared <see cref="EmotionClassifier.Default"/>,
/// reached exactly as a library user reaches it (with test-time augmentation or in int8, a copy of
/// the default of its own, loaded with <see cref="EmotionClassifier.LoadDefault"/>). It disposes
/// only what it loaded.
/// </summary>
internal sealed class PredictionModel : IDisposable
{
    private readonly EmotionModel? _loaded;

    private PredictionModel(EmotionModel loaded)
    {
        Model = loaded;
        _loaded = loaded;
    }

    private PredictionModel(IEmotionModel shared)
    {
        Model = shared;
    }

    /// <summary>Loads the model file, or makes sure the default model is there.</summary>
    /// <param name="modelPath">A FerNet .onnx file; null for the embedded default model.</param>
    /// <param name="augmentation">The test-time augmentation to score with.</param>
    /// <param name="precision">Which embedded default model to load when <paramref name="modelPath"/> is null.</param>
    /// <exception cref="PredictionSetupException">The file is missing or no FerNet model, or no default model is embedded.</exception>
    public static PredictionModel Open(string? modelPath, TestTimeAugmentation augmentation = TestTimeAugmentation.None, DefaultModelPrecision precision = DefaultModelPrecision.Float32)
    {
        var options = new EmotionModelOptions { TestTimeAugmentation = augmentation };
        if (modelPath is null)
        {
            try
            {
                // The default model loads on first use; reaching it now makes a build without one
                // fail before any work rather than on the first image.
                return augmentation == TestTimeAugmentation.None && precision == DefaultModelPrecision.Float32
                    ? new PredictionModel(EmotionClassifier.Default)
                    : new PredictionModel(EmotionClassifier.LoadDefault(precision, options));
            }
            catch (InvalidOperationException e)
            {
                throw new PredictionSetupException($"{e.Message} Name a model with --model file.onnx.", e);
            }
            catch (InvalidModelException e)
            {
                throw new PredictionSetupException(e.Message, e);
            }
        }

        if (!File.Exists(modelPath))
        {
            throw new PredictionSetupException($"Model file '{modelPath}' does not exist.");
        }

        if (RegularFile.ReadRefusal(modelPath, $"Model file '{modelPath}'") is string refusal)
        {
            throw new PredictionSetupException(refusal);
        }

        try
        {
            return new PredictionModel(EmotionClassifier.Load(modelPath, options));
        }
        catch (InvalidModelException e)
        {
            throw new PredictionSetupException(e.Message, e);
        }
    }

    /// <summary>The model file loaded with <see cref="EmotionClassifier.Load"/>, a copy of the default, or <see cref="EmotionClassifier.Default"/>.</summary>
    public IEmotionModel Model { get; }

    /// <summary>Classifies one image file; see <see cref="EmotionModel.Predict(string)"/>.</summary>
    public EmotionPrediction Predict(string imagePath) => Model.Predict(imagePath);

    /// <summary>Classifies image files in one batch; see <see cref="EmotionModel.PredictBatch(IEnumerable{string})"/>.</summary>
    public IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<string> imagePaths) => Model.PredictBatch(imagePaths);

    /// <summary>Releases the model this instance loaded; the shared <see cref="EmotionClassifier.Default"/> is not its to release.</summary>
    public void Dispose() => _loaded?.Dispose();
}
