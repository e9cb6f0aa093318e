namespace FerNet.Core.Models;

/// <summary>
/// Keys of the metadata_props that every exported FerNet ONNX model carries, so that a model file
/// describes itself: which labels its outputs are, what it was built from and how well it scored.
/// </summary>
public static class ModelMetadataKeys
{
    /// <summary>The label names in output order, lower-case and comma-separated ("angry,disgust,...").</summary>
    public const string Labels = "fernet.labels";

    /// <summary>Accuracy on the validation split, invariant-culture decimal in [0, 1].</summary>
    public const string ValidationAccuracy = "fernet.validation_accuracy";

    /// <summary>Accuracy on the test split, invariant-culture decimal in [0, 1].</summary>
    public const string TestAccuracy = "fernet.test_accuracy";

    /// <summary>The architecture name from the training model catalogue.</summary>
    public const string Architecture = "fernet.architecture";
}
