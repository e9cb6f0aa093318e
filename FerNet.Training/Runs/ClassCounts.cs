using FerNet.Core;

namespace FerNet.Training.Runs;

/// <summary>
/// Training images per emotion, in <see cref="EmotionLabels.Names"/> order, before and after
/// balancing (the same when the run does not balance). Checkpoints store them, so the class
/// distribution of a run can be drawn without its data.
/// </summary>
/// <param name="Before">Images per emotion in the training part of the split.</param>
/// <param name="After">Images per emotion that training saw, balancing copies included.</param>
internal sealed record ClassCounts(IReadOnlyList<int> Before, IReadOnlyList<int> After);
