namespace FerNet.Inference;

/// <summary>The default model, compiled into this assembly as a resource from Models/fernet-default.onnx.</summary>
internal static class EmbeddedModel
{
    public const string DefaultResourceName = "FerNet.Inference.Models.fernet-default.onnx";

    /// <exception cref="InvalidOperationException">No resource of that name is embedded.</exception>
    public static EmotionModel Load(string resourceName, EmotionModelOptions options)
    {
        using Stream? stream = typeof(EmbeddedModel).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException(
                $"No default model is embedded in FerNet.Inference (resource '{resourceName}' is missing), so EmotionClassifier.Predict has no model to run. Load one with EmotionClassifier.Load(path), FromStream or FromBytes.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return EmotionModel.Create(buffer.ToArray(), "The embedded default model", options);
    }
}
