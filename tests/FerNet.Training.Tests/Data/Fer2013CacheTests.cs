using FerNet.Core;
using FerNet.Testing.Files;
using FerNet.Training.Data;

namespace FerNet.Training.Tests.Data;

public sealed class Fer2013CacheTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();
    private readonly Fer2013LoadOptions _cached;

    public Fer2013CacheTests()
    {
        _cached = new Fer2013LoadOptions { CacheDirectory = _root.Combine("cache") };
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Load_SecondLoadComesFromTheCacheWhileTheSourceIsUnchanged()
    {
        List<SyntheticImage> images = SyntheticFer2013.WriteFolderSplit(_root.Combine("data"), "train", perClass: 2);
        FaceDataset first = Fer2013.Load(_root.Combine("data"), Fer2013Split.Train, _cached);

        // Same size and modification time, new pixels: only a load from the cache still sees the old ones.
        ReplaceKeepingSizeAndTime(images[0].Path, SyntheticFer2013.Face(1000));
        var progress = new RecordingProgress<DatasetLoadProgress>();
        FaceDataset second = Fer2013.Load(_root.Combine("data"), Fer2013Split.Train, _cached with { Progress = progress });

        Assert.Single(CacheFiles());
        AssertSameDataset(first, second);
        Assert.Equal(images[0].Pixels, second.Image(0).ToArray());
        Assert.Equal(new DatasetLoadProgress(first.Count, 1), Assert.Single(progress.Reports));
    }

    [Fact]
    public void Load_ChangedSourceFile_IsReadAgain()
    {
        List<SyntheticImage> images = SyntheticFer2013.WriteFolderSplit(_root.Combine("data"), "train", perClass: 2);
        Fer2013.Load(_root.Combine("data"), Fer2013Split.Train, _cached);

        SyntheticFer2013.WriteImage(images[0].Path, SyntheticFer2013.Face(1000));
        File.SetLastWriteTimeUtc(images[0].Path, File.GetLastWriteTimeUtc(images[0].Path).AddMinutes(1));
        FaceDataset second = Fer2013.Load(_root.Combine("data"), Fer2013Split.Train, _cached);

        Assert.Equal(SyntheticFer2013.Face(1000), second.Image(0).ToArray());
    }

    [Fact]
    public void Load_AddedSourceFile_IsReadAgain()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Combine("data"), "train", perClass: 2);
        Fer2013.Load(_root.Combine("data"), Fer2013Split.Train, _cached);

        SyntheticFer2013.WriteImage(_root.Combine("data", "train", "fear", "new.png"), SyntheticFer2013.Face(1000));
        FaceDataset second = Fer2013.Load(_root.Combine("data"), Fer2013Split.Train, _cached);

        Assert.Equal(3, second.ClassCounts()[(int)Emotion.Fear]);
    }

    [Fact]
    public void Load_CsvIsCachedPerSplit()
    {
        string csv = _root.Combine("fer2013.csv");
        SyntheticFer2013.WriteCsv(csv,
        [
            SyntheticFer2013.CsvRow(4, SyntheticFer2013.Face(0), "Training"),
            SyntheticFer2013.CsvRow(6, SyntheticFer2013.Face(1), "PublicTest"),
        ]);
        FaceDataset train = Fer2013.Load(csv, Fer2013Split.Train, _cached);
        FaceDataset publicTest = Fer2013.Load(csv, Fer2013Split.PublicTest, _cached);

        FaceDataset trainAgain = Fer2013.Load(csv, Fer2013Split.Train, _cached);
        FaceDataset publicTestAgain = Fer2013.Load(csv, Fer2013Split.PublicTest, _cached);

        Assert.Equal(2, CacheFiles().Length);
        AssertSameDataset(train, trainAgain);
        AssertSameDataset(publicTest, publicTestAgain);
        Assert.Equal([Emotion.Neutral], publicTestAgain.Labels.ToArray());
    }

    [Theory]
    [InlineData("flip a pixel")]
    [InlineData("flip a label")]
    [InlineData("truncate")]
    [InlineData("empty")]
    public void Load_DamagedCacheFile_IsIgnoredAndRewritten(string damage)
    {
        List<SyntheticImage> images = SyntheticFer2013.WriteFolderSplit(_root.Combine("data"), "train", perClass: 2);
        FaceDataset first = Fer2013.Load(_root.Combine("data"), Fer2013Split.Train, _cached);
        string cacheFile = Assert.Single(CacheFiles());
        byte[] intact = File.ReadAllBytes(cacheFile);
        byte[] damaged = (byte[])intact.Clone();
        const int headerLength = 52; // magic 8, version 4, fingerprint 32, count 4, sources length 4
        switch (damage)
        {
            case "flip a pixel":
                damaged[headerLength + images.Count + 100] ^= 0x01;
                break;
            case "flip a label":
                damaged[headerLength] ^= 0x01;
                break;
            case "truncate":
                damaged = damaged[..(damaged.Length / 2)];
                break;
            default:
                damaged = [];
                break;
        }

        File.WriteAllBytes(cacheFile, damaged);
        // Proves the reload decodes again rather than trusting the damaged file's content.
        ReplaceKeepingSizeAndTime(images[0].Path, SyntheticFer2013.Face(1000));

        FaceDataset second = Fer2013.Load(_root.Combine("data"), Fer2013Split.Train, _cached);

        Assert.Equal(first.Labels.ToArray(), second.Labels.ToArray());
        Assert.Equal(SyntheticFer2013.Face(1000), second.Image(0).ToArray());
        Assert.Equal(intact.Length, new FileInfo(cacheFile).Length);
    }

    [Fact]
    public void Load_UnwritableCacheDirectory_StillLoads()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Combine("data"), "train", perClass: 1);
        File.WriteAllText(_root.Combine("file"), "a file where the cache folder would go");

        FaceDataset dataset = Fer2013.Load(_root.Combine("data"), Fer2013Split.Train, new Fer2013LoadOptions { CacheDirectory = _root.Combine("file", "cache") });

        Assert.Equal(7, dataset.Count);
    }

    [Fact]
    public void Load_FailedLoad_WritesNoCache()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Combine("data"), "train", perClass: 1);
        File.WriteAllBytes(_root.Combine("data", "train", "happy", "broken.png"), [1, 2, 3]);

        Assert.Throws<DatasetFormatException>(() => Fer2013.Load(_root.Combine("data"), Fer2013Split.Train, _cached));

        Assert.Empty(CacheFiles());
    }

    [Theory]
    [InlineData("/tmp/fernet-cache", "/xdg", "/home/u", "/tmp/fernet-cache")]
    [InlineData(null, "/xdg", "/home/u", "/xdg/fernet")]
    [InlineData("", "relative/xdg", "/home/u", "/home/u/.cache/fernet")]
    [InlineData(null, null, "/home/u", "/home/u/.cache/fernet")]
    [InlineData(null, null, "", null)]
    public void CacheDirectoryFrom_PrefersFernetCacheThenXdgThenHome(string? fernetCache, string? xdgCacheHome, string home, string? expected)
    {
        Assert.Equal(expected, Fer2013.CacheDirectoryFrom(fernetCache, xdgCacheHome, home));
    }

    private static void ReplaceKeepingSizeAndTime(string path, byte[] pixels)
    {
        long size = new FileInfo(path).Length;
        DateTime time = File.GetLastWriteTimeUtc(path);
        SyntheticFer2013.WriteImage(path, pixels);
        Assert.Equal(size, new FileInfo(path).Length);
        File.SetLastWriteTimeUtc(path, time);
    }

    private static void AssertSameDataset(FaceDataset expected, FaceDataset actual)
    {
        Assert.Equal(expected.Labels.ToArray(), actual.Labels.ToArray());
        Assert.True(expected.Pixels.SequenceEqual(actual.Pixels));
        Assert.Equal(expected.Sources, actual.Sources);
    }

    private string[] CacheFiles() =>
        Directory.Exists(_root.Combine("cache")) ? Directory.GetFiles(_root.Combine("cache")) : [];
}
