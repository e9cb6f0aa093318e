using FerNet.Core;
using FerNet.Testing.Files;
using FerNet.Training.Data;

namespace FerNet.Training.Tests.Data;

public sealed class Fer2013CsvTests : IDisposable
{
    private static readonly Fer2013LoadOptions NoCache = new() { CacheDirectory = null };

    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Load_MapsTheSevenChallengeCodesOntoTheCanonicalOrder()
    {
        string csv = _root.Combine("fer2013.csv");
        SyntheticFer2013.WriteCsv(csv, Enumerable.Range(0, 7).Select(code => SyntheticFer2013.CsvRow(code, SyntheticFer2013.Face(code), "Training")));

        FaceDataset dataset = Fer2013.Load(csv, Fer2013Split.Train, NoCache);

        Emotion[] expected = [Emotion.Angry, Emotion.Disgust, Emotion.Fear, Emotion.Happy, Emotion.Sad, Emotion.Surprise, Emotion.Neutral];
        Assert.Equal(expected, dataset.Labels.ToArray());
        for (int code = 0; code < 7; code++)
        {
            Assert.Equal(SyntheticFer2013.Face(code), dataset.Image(code).ToArray());
        }
    }

    [Fact]
    public void Load_TakesTheRowsOfTheRequestedUsageAndNamesTheirLines()
    {
        string csv = _root.Combine("fer2013.csv");
        SyntheticFer2013.WriteCsv(csv,
        [
            SyntheticFer2013.CsvRow(0, SyntheticFer2013.Face(0), "Training"),
            SyntheticFer2013.CsvRow(1, SyntheticFer2013.Face(1), "PublicTest"),
            SyntheticFer2013.CsvRow(2, SyntheticFer2013.Face(2), "PrivateTest"),
            SyntheticFer2013.CsvRow(3, SyntheticFer2013.Face(3), "PublicTest"),
        ]);

        FaceDataset train = Fer2013.Load(csv, Fer2013Split.Train, NoCache);
        FaceDataset publicTest = Fer2013.Load(csv, Fer2013Split.PublicTest, NoCache);
        FaceDataset privateTest = Fer2013.Load(csv, Fer2013Split.PrivateTest, NoCache);

        Assert.Equal([$"{csv}:2"], train.Sources);
        Assert.Equal([Emotion.Disgust, Emotion.Happy], publicTest.Labels.ToArray());
        Assert.Equal([$"{csv}:3", $"{csv}:5"], publicTest.Sources);
        Assert.Equal(SyntheticFer2013.Face(3), publicTest.Image(1).ToArray());
        Assert.Equal([Emotion.Fear], privateTest.Labels.ToArray());
    }

    [Fact]
    public void Load_AcceptsTheColumnsInAnyOrderWithSpacesBlankLinesAndCrLf()
    {
        string csv = _root.Combine("icml_face_data.csv");
        string pixels = string.Join(' ', SyntheticFer2013.Face(5));
        File.WriteAllText(csv, $"emotion, Usage, pixels\r\n6, Training, {pixels}\r\n\r\n");

        FaceDataset dataset = Fer2013.Load(csv, Fer2013Split.Train, NoCache);

        Assert.Equal([Emotion.Neutral], dataset.Labels.ToArray());
        Assert.Equal(SyntheticFer2013.Face(5), dataset.Image(0).ToArray());
    }

    [Fact]
    public void Load_FoldersAndCsvGiveTheSameLabelsForTheSamePixels()
    {
        List<SyntheticImage> images = SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 3);
        string csv = _root.Combine("fer2013.csv");
        // The CSV lists the images in another order than the folders, so only pixels can pair them up.
        SyntheticFer2013.WriteCsv(csv, images.AsEnumerable().Reverse().Select(image =>
            SyntheticFer2013.CsvRow(SyntheticFer2013.CsvCode(image.Label), image.Pixels, "Training")));

        FaceDataset fromFolders = Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache);
        FaceDataset fromCsv = Fer2013.Load(csv, Fer2013Split.Train, NoCache);

        Assert.Equal(fromFolders.ClassCounts(), fromCsv.ClassCounts());
        Dictionary<string, Emotion> labelOfPixels = Enumerable.Range(0, fromFolders.Count)
            .ToDictionary(i => Convert.ToHexString(fromFolders.Image(i)), fromFolders.Label);
        Assert.Equal(images.Count, labelOfPixels.Count);
        for (int i = 0; i < fromCsv.Count; i++)
        {
            Assert.Equal(labelOfPixels[Convert.ToHexString(fromCsv.Image(i))], fromCsv.Label(i));
        }
    }

    [Fact]
    public void Load_MissingHeader_NamesLineOne()
    {
        string csv = _root.Combine("fer2013.csv");
        File.WriteAllLines(csv, [SyntheticFer2013.CsvRow(0, SyntheticFer2013.Face(0), "Training")]);

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(csv, Fer2013Split.Train, NoCache));

        Assert.Contains($"{csv}, line 1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyFile_ReportsTheMissingHeader()
    {
        string csv = _root.Combine("fer2013.csv");
        File.WriteAllText(csv, string.Empty);

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(csv, Fer2013Split.Train, NoCache));

        Assert.Contains($"{csv}, line 1:", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadRows => new()
    {
        { "0," + string.Join(' ', new byte[2303]) + ",Training", "2303 pixel values" },
        { "0," + string.Join(' ', new byte[2305]) + ",Training", "2305 pixel values" },
        { "0," + string.Join(' ', new byte[2303]) + " 256,Training", "'256'" },
        { "0," + string.Join(' ', new byte[2303]) + " -1,Training", "'-1'" },
        { "0,12 x7 " + string.Join(' ', new byte[2302]) + ",Training", "'x7'" },
        { "7," + string.Join(' ', new byte[2304]) + ",Training", "emotion code '7'" },
        { "happy," + string.Join(' ', new byte[2304]) + ",Training", "emotion code 'happy'" },
        { "0," + string.Join(' ', new byte[2304]) + ",Validation", "Usage 'Validation'" },
        { "0," + string.Join(' ', new byte[2304]), "fields" },
        { "0," + string.Join(' ', new byte[2304]) + ",Training,extra", "fields" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void Load_BadRow_NamesItsLineAndTheProblem(string badRow, string problem)
    {
        string csv = _root.Combine("fer2013.csv");
        SyntheticFer2013.WriteCsv(csv,
        [
            SyntheticFer2013.CsvRow(0, SyntheticFer2013.Face(0), "Training"),
            SyntheticFer2013.CsvRow(1, SyntheticFer2013.Face(1), "Training"),
            badRow,
        ]);

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(csv, Fer2013Split.Train, NoCache));

        Assert.Contains($"{csv}, line 4:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadRowOfAnotherSplit_StillFails()
    {
        string csv = _root.Combine("fer2013.csv");
        SyntheticFer2013.WriteCsv(csv,
        [
            SyntheticFer2013.CsvRow(0, SyntheticFer2013.Face(0), "Training"),
            "0," + string.Join(' ', new byte[100]) + ",PrivateTest",
        ]);

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(csv, Fer2013Split.Train, NoCache));

        Assert.Contains($"{csv}, line 3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoRowsOfTheSplit_SaysSo()
    {
        string csv = _root.Combine("fer2013.csv");
        SyntheticFer2013.WriteCsv(csv, [SyntheticFer2013.CsvRow(0, SyntheticFer2013.Face(0), "Training")]);

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(csv, Fer2013Split.PrivateTest, NoCache));

        Assert.Contains(csv, error.Message, StringComparison.Ordinal);
        Assert.Contains("PrivateTest", error.Message, StringComparison.Ordinal);
    }
}
