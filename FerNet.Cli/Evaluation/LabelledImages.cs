using FerNet.Core;

namespace FerNet.Cli.Evaluation;

/// <summary>Image files and the emotion each is labelled with, in the same order.</summary>
internal sealed record LabelledImages(IReadOnlyList<string> Paths, IReadOnlyList<Emotion> Labels);
