using FerNet.Inference;

namespace FerNet.Cli.Prediction;

/// <summary>What the predict verb was asked to do.</summary>
/// <param name="Input">A face crop, or a folder of them.</param>
/// <param name="ModelPath">A FerNet .onnx file; null for the model embedded in FerNet.Inference.</param>
/// <param name="ListPath">A CSV whose <c>img_name</c> column names the images to score, relative to the <paramref name="Input"/> folder.</param>
/// <param name="OutputPath">A .csv or .json file for the results; null writes CSV to the output for a folder and nothing for one image.</param>
/// <param name="Recursive">Whether a folder's subfolders are scored too.</param>
/// <param name="Top">How many of the most probable emotions the single-image table shows and each JSON record lists; null: all seven in the table, no list in JSON.</param>
/// <param name="Augmentation">The test-time augmentation the model scores with.</param>
/// <param name="Precision">Which embedded default model scores when <paramref name="ModelPath"/> is null.</param>
internal sealed record PredictionRequest(
    string Input,
    string? ModelPath = null,
    string? ListPath = null,
    string? OutputPath = null,
    bool Recursive = false,
    int? Top = null,
    TestTimeAugmentation Augmentation = TestTimeAugmentation.None,
    DefaultModelPrecision Precision = DefaultModelPrecision.Float32);
