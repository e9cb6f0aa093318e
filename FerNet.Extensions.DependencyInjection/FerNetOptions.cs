using FerNet.Faces;
using FerNet.Inference;

namespace FerNet.Extensions.DependencyInjection;

/// <summary>
/// What <see cref="FerNetServiceCollectionExtensions.AddFerNet"/> registers: which emotion model and
/// face detector to load, and how they score faces. Checked when the host starts (or, without a host,
/// when the first FerNet service is resolved), loading and probing the model and detector files named;
/// a bad value, or a file that is no usable model or detector, throws
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming it.
/// <code>
/// builder.Services.AddFerNet(options =>
/// {
///     options.ModelPath = "my-model.onnx";              // null (the default): the embedded model
///     options.Precision = DefaultModelPrecision.Int8;   // or: the embedded model in int8 (with ModelPath null)
///     options.DetectorModelPath = "my-yunet.onnx";      // null (the default): the bundled YuNet
/// });
/// </code>
/// </summary>
public sealed class FerNetOptions
{
    /// <summary>
    /// The path of a FerNet .onnx emotion model; null (the default) for the model embedded in
    /// FerNet.Inference, the one <see cref="EmotionClassifier"/> uses.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// Which embedded default model loads when <see cref="ModelPath"/> is null:
    /// <see cref="DefaultModelPrecision.Float32"/> (the default) or its int8 quantization, which gives
    /// the same answers on every CPU in a fraction of the time (FerNet.Inference's README gives the
    /// figures). A <see cref="ModelPath"/> file is scored in its own precision, so Int8 beside one is refused.
    /// </summary>
    public DefaultModelPrecision Precision { get; set; } = DefaultModelPrecision.Float32;

    /// <summary>Views of each face whose predictions are averaged; <see cref="Inference.TestTimeAugmentation.None"/> by default.</summary>
    public TestTimeAugmentation TestTimeAugmentation { get; set; } = TestTimeAugmentation.None;

    /// <summary>
    /// The path of a YuNet face detector .onnx file for <see cref="FaceEmotionAnalyzer"/>; null (the
    /// default) for the detector bundled in FerNet.Faces.
    /// </summary>
    public string? DetectorModelPath { get; set; }

    /// <summary>Faces whose box is narrower or shorter than this many pixels are skipped; at least 1, default <see cref="FaceAnalysisOptions.DefaultMinimumFaceSide"/>.</summary>
    public int MinimumFaceSide { get; set; } = FaceAnalysisOptions.DefaultMinimumFaceSide;
}
