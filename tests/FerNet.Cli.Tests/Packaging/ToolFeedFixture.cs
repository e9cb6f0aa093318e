using FerNet.Testing.Processes;

namespace FerNet.Cli.Tests.Packaging;

/// <summary>FerNet.Core, FerNet.Inference, FerNet.Faces, FerNet.Faces.Video and FerNet.Cli packed once into a local feed.</summary>
public sealed class ToolFeedFixture() : PackedFeed("tool", "FerNet.Core", "FerNet.Inference", "FerNet.Faces", "FerNet.Faces.Video", "FerNet.Cli")
{
    /// <summary>The tool package for linux-x64, the platform the tests run on.</summary>
    public string ToolPackage => Path.Combine(Feed, $"FerNet.Cli.linux-x64.{Version}.nupkg");

    /// <summary>The package <c>dotnet tool install FerNet.Cli</c> reads first: it names one package per platform.</summary>
    public string PointerPackage => Path.Combine(Feed, $"FerNet.Cli.{Version}.nupkg");
}
