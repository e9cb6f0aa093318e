using FerNet.Tests.TestData;

namespace FerNet.Tests.Cli;

/// <summary>FerNet.Core, FerNet.Inference, FerNet.Faces and FerNet.Cli packed once into a local feed.</summary>
public sealed class ToolFeedFixture() : PackedFeed("tool", "FerNet.Core", "FerNet.Inference", "FerNet.Faces", "FerNet.Cli")
{
    /// <summary>The tool package.</summary>
    public string ToolPackage => Path.Combine(Feed, $"FerNet.Cli.{Version}.nupkg");
}
