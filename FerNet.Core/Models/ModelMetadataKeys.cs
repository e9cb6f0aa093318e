namespace FerNet.Core.Models;

/// <summary>
/// Keys of the metadata (ONNX <c>metadata_props</c>) that every FerNet model file carries, so that
/// the exporter that writes them and the inference library that reads them cannot drift apart.
/// All values are strings; numbers use the invariant culture.
/// </summary>
public static class ModelMetadataKeys
{
    /// <summary>
    /// The label of each output position, comma-separated in output order, e.g.
    /// <c>angry,disgust,fear,happy,neutral,sad,surprise</c> (see <see cref="EmotionLabels.Names"/>).
    /// </summary>
    public const string Labels = "fernet.labels";

    /// <summary>The input image size as width x height x channels, e.g. <c>48x48x1</c>.</summary>
    public const string InputSize = "fernet.input_size";

    /// <summary>How 8-bit pixels are mapped to model input, e.g. <c>pixel/255</c>.</summary>
    public const string Normalization = "fernet.normalization";

    /// <summary>The architecture's catalogue name, e.g. <c>fer-vgg</c>.</summary>
    public const string Architecture = "fernet.architecture";

    /// <summary>A human-readable description of the data the model was trained on.</summary>
    public const string TrainingData = "fernet.training_data";

    /// <summary>Accuracy on the validation split as a fraction in [0, 1], e.g. <c>0.6695</c>.</summary>
    public const string ValidationAccuracy = "fernet.validation_accuracy";

    /// <summary>Accuracy on the test split as a fraction in [0, 1]; absent when the model was not tested.</summary>
    public const string TestAccuracy = "fernet.test_accuracy";

    /// <summary>The version of FerNet that wrote the file.</summary>
    public const string FerNetVersion = "fernet.version";

    /// <summary>When the file was written, as a UTC ISO 8601 timestamp, e.g. <c>2025-01-31T12:00:00Z</c>.</summary>
    public const string CreatedUtc = "fernet.created_utc";

    /// <summary>
    /// How the model was quantized, e.g. <c>int8 QDQ: weights int8 symmetric per output channel, activations uint8 per tensor</c>;
    /// absent in a float32 model.
    /// </summary>
    public const string Quantization = "fernet.quantization";

    /// <summary>How a quantized model's activation ranges were calibrated: method and images; absent in a float32 model.</summary>
    public const string Calibration = "fernet.calibration";

    /// <summary>
    /// The float32 model a quantized model was made from: its file name and the SHA-256 of its bytes,
    /// e.g. <c>fernet-default.onnx, SHA-256 3f0a…</c> (64 lower-case hex digits); absent in a float32 model.
    /// </summary>
    public const string SourceModel = "fernet.source_model";

    /// <summary>
    /// The validation accuracy of a quantized model's float32 source, measured by the same command on
    /// the same images as the quantized model's <see cref="ValidationAccuracy"/>; absent in a float32 model.
    /// </summary>
    public const string SourceValidationAccuracy = "fernet.source_validation_accuracy";

    /// <summary>
    /// The test accuracy of a quantized model's float32 source, measured beside the quantized model's
    /// <see cref="TestAccuracy"/>; absent in a float32 model and when there was no test split.
    /// </summary>
    public const string SourceTestAccuracy = "fernet.source_test_accuracy";
}
