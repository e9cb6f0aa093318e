using System.Globalization;
using FerNet.Core;
using FerNet.Faces;

namespace FerNet.Benchmarks.Faces;

/// <summary>The counts of one row of the alignment table: photos, faces detected, and right answers with and without alignment.</summary>
internal sealed class AlignmentTally
{
    private int _rightWithout;
    private int _rightWith;

    public int Photos { get; private set; }

    public int Detected { get; private set; }

    public void Add(Emotion label, FaceEmotion? without, FaceEmotion? with)
    {
        Photos++;
        Detected += without is null ? 0 : 1;
        _rightWithout += without?.Prediction.Emotion == label ? 1 : 0;
        _rightWith += with?.Prediction.Emotion == label ? 1 : 0;
    }

    public string Row(string name) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {Photos} | {Share(Detected, Photos)} | {Share(_rightWithout, Detected)} | {Share(_rightWith, Detected)} |");

    private static string Share(int part, int whole) =>
        string.Create(CultureInfo.InvariantCulture, $"{(whole == 0 ? 0 : 100.0 * part / whole):0.0} %");
}
