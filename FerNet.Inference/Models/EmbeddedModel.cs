namespace FerNet.Inference.Models;

/// <summary>The default model, compiled into this assembly as a resource from Models/fernet-default.onnx.</summary>
internal static class EmbeddedModel
{
    public const string DefaultResourceName = "FerNet.Inference.Models.fernet-default.onnx";

    /// <summary>Loads the model embedded as <paramref name="resourceName"/>.</summary>
    /// <param name="resourceName">The manifest resource name.</param>
    /// <param name="options">How the model scores faces.</param>
    /// <param name="shared">Whether the model is the process-wide instance that ignores Dispose.</param>
    /// <exception cref="InvalidOperationException">No resource of that name is embedded.</exception>
    public static EmotionModel Load(string resourceName, EmotionModelOptions options, bool shared = false)
    {
        using Stream? stream = typeof(EmbeddedModel).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException(
                $"No default model is embedded in FerNet.Inference (resource '{resourceName}' is missing), so EmotionClassifier.Predict has no model to run. Load one with EmotionClassifier.Load(path), FromStream or FromBytes.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return EmotionModel.Create(buffer.ToArray(), "The embedded default model", options, shared);
    }
}
