namespace FerNet.Inference.Models;

/// <summary>
/// The default models, compiled into this assembly as resources: Models/fernet-default.onnx and its
/// int8 quantization Models/fernet-default-int8.onnx.
/// </summary>
internal static class EmbeddedModel
{
    public const string DefaultResourceName = "FerNet.Inference.Models.fernet-default.onnx";

    public const string Int8ResourceName = "FerNet.Inference.Models.fernet-default-int8.onnx";

    /// <summary>The resource name of the default model of <paramref name="precision"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> is not a defined <see cref="DefaultModelPrecision"/>.</exception>
    public static string ResourceName(DefaultModelPrecision precision) => precision switch
    {
        DefaultModelPrecision.Float32 => DefaultResourceName,
        DefaultModelPrecision.Int8 => Int8ResourceName,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, $"{precision} is not a DefaultModelPrecision; use Float32 or Int8."),
    };

    /// <summary>The bytes of the model embedded as <paramref name="resourceName"/>.</summary>
    /// <exception cref="InvalidOperationException">No resource of that name is embedded.</exception>
    public static byte[] Read(string resourceName)
    {
        using Stream? stream = typeof(EmbeddedModel).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException(
                $"No default model is embedded in FerNet.Inference (resource '{resourceName}' is missing), so EmotionClassifier.Predict has no model to run. Load one with EmotionClassifier.Load(path) or FromStream.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Loads the model embedded as <paramref name="resourceName"/>.</summary>
    /// <param name="resourceName">The manifest resource name.</param>
    /// <param name="options">How the model scores faces.</param>
    /// <exception cref="InvalidOperationException">No resource of that name is embedded.</exception>
    public static EmotionModel Load(string resourceName, EmotionModelOptions options) =>
        EmotionModel.Create(
            Read(resourceName),
            resourceName == Int8ResourceName ? "The embedded int8 default model" : "The embedded default model",
            options);
}
