using FerNet.Core;
using FerNet.Inference.Models;
using FerNet.Inference.Transforms;
using Microsoft.ML;

namespace FerNet.Inference;

/// <summary>
/// FerNet as a step of an ML.NET pipeline.
/// <code>
/// var pipeline = mlContext.Transforms.LoadImages("Image", imageFolder, "ImagePath")
///     .Append(mlContext.Transforms.PredictEmotion());          // adds "PredictedEmotion" and "Probabilities"
/// ITransformer model = pipeline.Fit(data);
/// mlContext.Model.Save(model, data.Schema, "emotions.zip");
///
/// // In another process: register FerNet's steps (ML.NET finds custom mappings by contract name), then load.
/// mlContext.ComponentCatalog.RegisterAssembly(typeof(EmotionClassifier).Assembly);
/// ITransformer loaded = mlContext.Model.Load("emotions.zip", out DataViewSchema schema);
/// </code>
/// </summary>
public static class EmotionTransformsCatalogExtensions
{
    /// <summary>
    /// Classifies the face in each row's image as <see cref="EmotionModel.Predict(Microsoft.ML.Data.MLImage)"/>
    /// does: the image is scaled to cover 48 x 48 and centre-cropped, made gray, scaled to [0, 1] and run
    /// through the model. Adds a text column with the most probable emotion's name ("happy") and a
    /// vector column of the seven probabilities in canonical order (<see cref="EmotionLabels.Names"/>).
    /// </summary>
    /// <remarks>
    /// The fitted transformer saves with <c>mlContext.Model.Save</c>, the ONNX model inside. Its two
    /// custom steps are found on load by their contract names, as ML.NET does for custom mappings:
    /// register FerNet.Inference before <c>mlContext.Model.Load</c> with
    /// <c>mlContext.ComponentCatalog.RegisterAssembly(typeof(EmotionClassifier).Assembly)</c>.
    /// </remarks>
    /// <param name="catalog">The transforms catalog, <c>mlContext.Transforms</c>.</param>
    /// <param name="outputColumnName">The column for the predicted emotion's name.</param>
    /// <param name="probabilitiesColumnName">The column for the seven probabilities.</param>
    /// <param name="inputColumnName">The image column (<see cref="Microsoft.ML.Data.MLImage"/>, as <c>LoadImages</c> gives it).</param>
    /// <param name="modelPath">A FerNet .onnx model; null for the model embedded in FerNet.Inference.</param>
    /// <returns>The estimator, to append to a pipeline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or a column name is null.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="InvalidModelException">The model does not fit FerNet, its outputs for probe faces are no probabilities or are not in canonical order, or the file reports a length of 0 (empty, or a device, FIFO or socket) or has more than 512 MiB.</exception>
    public static IEstimator<ITransformer> PredictEmotion(
        this TransformsCatalog catalog,
        string outputColumnName = "PredictedEmotion",
        string probabilitiesColumnName = "Probabilities",
        string inputColumnName = "Image",
        string? modelPath = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(probabilitiesColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        (byte[] model, string modelName) = modelPath is null ? (ReadEmbeddedModel(), "The embedded default model") : (ReadModelFile(modelPath), $"Model '{modelPath}'");
        CheckCanonicalOutputs(model, modelName);

        // The catalog does not expose its MLContext; the steps carry their own, and save and load with any.
        return new EmotionPredictionEstimator(new MLContext(), outputColumnName, probabilitiesColumnName, inputColumnName, model);
    }

    private static byte[] ReadModelFile(string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        return ModelReader.ReadFile(modelPath, $"Model '{modelPath}'");
    }

    private static byte[] ReadEmbeddedModel()
    {
        using Stream stream = typeof(EmotionClassifier).Assembly.GetManifestResourceStream(EmbeddedModel.DefaultResourceName)
            ?? throw new InvalidOperationException($"No default model is embedded in FerNet.Inference (resource '{EmbeddedModel.DefaultResourceName}' is missing); pass a modelPath.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    // The label step names output i as emotion i; a model whose metadata orders its labels otherwise would be misnamed.
    private static void CheckCanonicalOutputs(byte[] model, string modelName)
    {
        using ModelSession session = ModelSession.Open(model, modelName);
        IReadOnlyList<int> outputIndexOf = session.OutputIndexOf;
        if (!outputIndexOf.SequenceEqual(Enumerable.Range(0, EmotionLabels.Count)))
        {
            throw new InvalidModelException(
                $"{modelName} gives its probabilities in the order [{string.Join(", ", EmotionLabels.All.OrderBy(emotion => outputIndexOf[(int)emotion]).Select(EmotionLabels.Name))}]; PredictEmotion takes models in canonical order [{string.Join(", ", EmotionLabels.Names)}], as FerNet exports them.");
        }
    }
}
