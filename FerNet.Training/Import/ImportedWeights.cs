namespace FerNet.Training.Import;

/// <summary>What <see cref="OnnxWeightImport.ReadInto"/> read.</summary>
/// <param name="Path">The .onnx file.</param>
/// <param name="Member">The ensemble member read, or null for a single model.</param>
/// <param name="Architecture">The architecture of the weights.</param>
/// <param name="FoldedNorms">BatchNorm layers whose statistics were folded into the preceding convolution by the exporter.</param>
/// <param name="FreshLayers">Layers with weights that the file has no counterpart for (a grown model's new layers), left as initialised.</param>
/// <param name="ValidationAccuracy">The validation accuracy the file records, when it is a single model that records one.</param>
internal sealed record ImportedWeights(string Path, int? Member, string Architecture, IReadOnlyList<string> FoldedNorms, IReadOnlyList<string> FreshLayers, double? ValidationAccuracy);
