using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Faces.Detection;
using FerNet.Testing.Data;
using FerNet.Testing.Faces;

namespace FerNet.Faces.Tests.Detection;

/// <summary>The YuNet model bundled in FerNet.Faces: the shared detector's exact bytes, used when no detector file is given.</summary>
public sealed class BundledDetectorTests(CollageFixture collage) : IClassFixture<CollageFixture>
{
    [Fact]
    public void TheBundledModelIsTheSharedYuNetFileByteForByte()
    {
        using Stream embedded = typeof(FaceEmotionAnalyzer).Assembly.GetManifestResourceStream(BundledYuNetModel.ResourceName)
            ?? throw new Xunit.Sdk.XunitException($"No resource {BundledYuNetModel.ResourceName} in FerNet.Faces.");
        using var bytes = new MemoryStream();
        embedded.CopyTo(bytes);
        byte[] shared = File.ReadAllBytes(SharedData.YuNetModelPath);

        Assert.Equal(shared, bytes.ToArray());
        Assert.Equal(shared, BundledYuNetModel.Read());
    }

    [Fact]
    public void AnAnalyzerWithoutADetectorPathFindsTheSameFacesAsOneGivenTheSharedFile()
    {
        using var analyzer = new FaceEmotionAnalyzer();

        IReadOnlyList<FaceEmotion> found = analyzer.Analyze(collage.Collage);

        Assert.True(found.Count >= Math.Ceiling(0.9 * CollageFixture.FaceCount), $"Found {found.Count} of {CollageFixture.FaceCount} faces.");
        Assert.Equal(collage.Found, found);
    }
}
