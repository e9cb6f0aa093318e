using FerNet.Inference;

namespace FerNet.Cli.FaceAnalysis;

/// <summary>What the faces verb was asked to do.</summary>
/// <param name="Input">A photo, or a folder of them.</param>
/// <param name="DetectorPath">A YuNet .onnx file; null for the model bundled with FerNet.Faces.</param>
/// <param name="OutputDirectory">Where the annotated photos and the results file go.</param>
/// <param name="ModelPath">A FerNet .onnx file; null for the model embedded in FerNet.Inference.</param>
/// <param name="Json">Write faces.json instead of faces.csv.</param>
/// <param name="Recursive">Whether a folder's subfolders are read too.</param>
/// <param name="MaxDetectionSide">Detect on a copy shrunk to this longer side; 0 for full size.</param>
/// <param name="Augmentation">The test-time augmentation the model scores each face with.</param>
/// <param name="Precision">Which embedded default model scores when <paramref name="ModelPath"/> is null.</param>
internal sealed record PhotoFacesRequest(
    string Input,
    string? DetectorPath,
    string OutputDirectory,
    string? ModelPath = null,
    bool Json = false,
    bool Recursive = false,
    int MaxDetectionSide = 0,
    TestTimeAugmentation Augmentation = TestTimeAugmentation.None,
    DefaultModelPrecision Precision = DefaultModelPrecision.Float32);
