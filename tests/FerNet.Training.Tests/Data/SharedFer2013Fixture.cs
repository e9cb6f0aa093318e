using FerNet.Testing.Data;
using FerNet.Testing.Files;
using FerNet.Training.Data;

namespace FerNet.Training.Tests.Data;

/// <summary>The real FER2013 from ../shared, decoded once for all tests that check it.</summary>
public sealed class SharedFer2013Fixture : IDisposable
{
    private readonly TemporaryDirectory _cache = new();

    public SharedFer2013Fixture()
    {
        var options = new Fer2013LoadOptions { CacheDirectory = _cache.Path };
        Train = Fer2013.Load(SharedData.Fer2013Directory, Fer2013Split.Train, options);
        PublicTest = Fer2013.Load(SharedData.Fer2013Directory, Fer2013Split.PublicTest, options);
        CachedTrain = Fer2013.Load(SharedData.Fer2013Directory, Fer2013Split.Train, options);
    }

    /// <summary>The train folder, decoded.</summary>
    public FaceDataset Train { get; }

    /// <summary>The test folder (PublicTest), decoded.</summary>
    public FaceDataset PublicTest { get; }

    /// <summary>The train folder again, read from the cache the first load wrote.</summary>
    public FaceDataset CachedTrain { get; }

    /// <summary>The files in the cache folder.</summary>
    public string[] CacheFiles => Directory.GetFiles(_cache.Path);

    public void Dispose() => _cache.Dispose();
}
