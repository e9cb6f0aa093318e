using FerNet.Core;

namespace FerNet.Training.Data;

/// <summary>The image files of one split in the Kaggle folder layout, in load order, with their labels.</summary>
/// <param name="SplitFolder">The full path of the split's folder (<c>train</c> or <c>test</c>).</param>
/// <param name="Files">Full paths of the image files: class by class in canonical order, by file name within a class.</param>
/// <param name="Labels">The label of each file, from its class folder.</param>
/// <param name="Fingerprint">A hash of every file's relative path, size and modification time.</param>
internal sealed record Fer2013FolderListing(string SplitFolder, IReadOnlyList<string> Files, Emotion[] Labels, byte[] Fingerprint);
