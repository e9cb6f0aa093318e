using FerNet.Core;
using FerNet.Testing.Files;
using FerNet.Training.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FerNet.Training.Tests.Data;

public sealed class Fer2013FolderTests : IDisposable
{
    private static readonly Fer2013LoadOptions NoCache = new() { CacheDirectory = null };

    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Load_ReadsEveryPngWithItsClassFolderLabelAndExactPixels()
    {
        List<SyntheticImage> written = SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 2);

        FaceDataset dataset = Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache);

        // Written class by class in canonical order and by file name, which is also the load order.
        Assert.Equal(written.Count, dataset.Count);
        Assert.Equal(written.Select(image => image.Path), dataset.Sources);
        for (int i = 0; i < written.Count; i++)
        {
            Assert.Equal(written[i].Label, dataset.Label(i));
            Assert.Equal(written[i].Pixels, dataset.Image(i).ToArray());
        }
    }

    [Fact]
    public void Load_TestFolderIsThePublicTestSplit()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);
        List<SyntheticImage> test = SyntheticFer2013.WriteFolderSplit(_root.Path, "test", perClass: 3, firstSeed: 100);

        FaceDataset dataset = Fer2013.Load(_root.Path, Fer2013Split.PublicTest, NoCache);

        Assert.Equal(test.Select(image => image.Path), dataset.Sources);
    }

    [Fact]
    public void Load_ReadsJpegAndJpegExtensionsInAnyCaseAndIgnoresOtherFiles()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);
        byte[] smooth = SyntheticFer2013.SmoothFace(7);
        SyntheticFer2013.WriteImage(_root.Combine("train", "happy", "b.jpg"), smooth);
        SyntheticFer2013.WriteImage(_root.Combine("train", "happy", "c.jpeg"), smooth);
        File.Move(_root.Combine("train", "happy", "c.jpeg"), _root.Combine("train", "happy", "c.JPEG"));
        File.WriteAllText(_root.Combine("train", "happy", "notes.txt"), "not an image");

        FaceDataset dataset = Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache);

        Assert.Equal(7 + 2, dataset.Count);
        Assert.Equal(3, dataset.ClassCounts()[(int)Emotion.Happy]);
        foreach (string name in new[] { "b.jpg", "c.JPEG" })
        {
            int index = dataset.Sources!.ToList().IndexOf(_root.Combine("train", "happy", name));
            Assert.Equal(Emotion.Happy, dataset.Label(index));
            int worst = dataset.Image(index).ToArray().Zip(smooth, (read, original) => Math.Abs(read - original)).Max();
            Assert.InRange(worst, 0, 4);
        }
    }

    [Fact]
    public void Load_ConvertsColourToBt709Luminance()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);
        string red = _root.Combine("train", "angry", "red.png");
        string grey = _root.Combine("train", "angry", "grey.png");
        using (var image = new Image<Rgb24>(FaceInputContract.Width, FaceInputContract.Height, new Rgb24(255, 0, 0)))
        {
            image.SaveAsPng(red);
        }

        using (var image = new Image<Rgb24>(FaceInputContract.Width, FaceInputContract.Height, new Rgb24(100, 100, 100)))
        {
            image.SaveAsPng(grey);
        }

        FaceDataset dataset = Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache);

        // 0.2126 x 255 = 54.2: red is dark in luminance, where a plain channel mean would give 85.
        Assert.All(ImageOf(dataset, red).ToArray(), pixel => Assert.Equal(54, pixel));
        Assert.All(ImageOf(dataset, grey).ToArray(), pixel => Assert.Equal(100, pixel));
    }

    [Fact]
    public void Load_ResizesOtherSizesTo48x48()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);
        string large = _root.Combine("train", "fear", "large.png");
        using (var image = new Image<L8>(96, 72, new L8(0)))
        {
            // Left half black, right half white, so the halves must survive the resize.
            for (int y = 0; y < image.Height; y++)
            {
                for (int x = image.Width / 2; x < image.Width; x++)
                {
                    image[x, y] = new L8(255);
                }
            }

            image.SaveAsPng(large);
        }

        FaceDataset dataset = Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache);

        byte[] pixels = ImageOf(dataset, large).ToArray();
        for (int y = 0; y < FaceInputContract.Height; y++)
        {
            Assert.Equal(0, pixels[(y * FaceInputContract.Width) + 10]);
            Assert.Equal(255, pixels[(y * FaceInputContract.Width) + 37]);
        }
    }

    [Fact]
    public void Load_ReportsProgressUpToAllImages()
    {
        List<SyntheticImage> written = SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 2);
        var progress = new RecordingProgress<DatasetLoadProgress>();

        Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache with { Progress = progress });

        Assert.Equal(new DatasetLoadProgress(written.Count, 1), progress.Reports[^1]);
    }

    [Fact]
    public void Load_MissingRoot_NamesThePath()
    {
        string missing = _root.Combine("nowhere");

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(missing, Fer2013Split.Train, NoCache));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingSplitFolder_NamesIt()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(_root.Path, Fer2013Split.PublicTest, NoCache));

        Assert.Contains(_root.Combine("test"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PrivateTestFromFolders_SaysOnlyTheCsvHasIt()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(_root.Path, Fer2013Split.PrivateTest, NoCache));

        Assert.Contains(_root.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("CSV", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownClassFolder_NamesItAndListsTheExpectedOnes()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);
        SyntheticFer2013.WriteImage(_root.Combine("train", "contempt", "a.png"), SyntheticFer2013.Face(1));

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache));

        Assert.Contains(_root.Combine("train", "contempt"), error.Message, StringComparison.Ordinal);
        Assert.Contains("angry, disgust, fear, happy, neutral, sad, surprise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingClassFolder_NamesTheClass()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);
        Directory.Delete(_root.Combine("train", "disgust"), recursive: true);

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache));

        Assert.Contains("'disgust'", error.Message, StringComparison.Ordinal);
        Assert.Contains(_root.Combine("train"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyClassFolder_NamesIt()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);
        foreach (string file in Directory.GetFiles(_root.Combine("train", "sad")))
        {
            File.Delete(file);
        }

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache));

        Assert.Contains(_root.Combine("train", "sad"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SplitFolderWithoutImages_SaysSo()
    {
        Directory.CreateDirectory(_root.Combine("train"));

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache));

        Assert.Contains(_root.Combine("train"), error.Message, StringComparison.Ordinal);
        Assert.Contains("no images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptImage_NamesTheFile()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 2);
        string corrupt = _root.Combine("train", "neutral", "corrupt.jpg");
        File.WriteAllBytes(corrupt, [.. Enumerable.Range(0, 500).Select(i => (byte)(i * 7))]);

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache));

        Assert.Contains(corrupt, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cut.jpg")]
    [InlineData("cut.png")]
    public void Load_TruncatedImage_NamesTheFile(string name)
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 2);
        string truncated = _root.Combine("train", "surprise", name);
        SyntheticFer2013.WriteImage(truncated, SyntheticFer2013.Face(3));
        byte[] whole = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, whole[..(whole.Length * 2 / 3)]);

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache));

        Assert.Contains(truncated, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileThatIsNotCsv_SaysWhatItExpected()
    {
        string text = _root.Combine("data.txt");
        File.WriteAllText(text, SyntheticFer2013.CsvHeader);

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(text, Fer2013Split.Train, NoCache));

        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    private static ReadOnlySpan<byte> ImageOf(FaceDataset dataset, string source) =>
        dataset.Image(dataset.Sources!.ToList().IndexOf(source));
}
