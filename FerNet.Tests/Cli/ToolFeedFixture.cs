using FerNet.Tests.TestData;

namespace FerNet.Tests.Cli;

/// <summary>
/// FerNet.Core, FerNet.Inference, FerNet.Faces and FerNet.Cli packed once into a local feed under a
/// unique version. The build goes to a private artifacts folder, so that it cannot race the
/// solution's own build or another test that packs.
/// </summary>
public sealed class ToolFeedFixture : IDisposable
{
    public ToolFeedFixture()
    {
        Root = Directory.CreateTempSubdirectory("fernet-tool-").FullName;
        Version = $"0.0.0-tool.{Guid.NewGuid():N}";
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        foreach (string project in new[] { "FerNet.Core", "FerNet.Inference", "FerNet.Faces", "FerNet.Cli" })
        {
            ExternalProcess.Run(
                "dotnet", "pack", Path.Combine(SharedData.RepositoryRoot, project, $"{project}.csproj"),
                "-c", "Release", "-o", Feed, $"-p:Version={Version}", "--artifacts-path", Path.Combine(Root, "artifacts"));
        }
    }

    /// <summary>A temporary folder that holds the feed and whatever the tests put beside it.</summary>
    public string Root { get; }

    public string Version { get; }

    public string Feed { get; }

    /// <summary>The tool package.</summary>
    public string ToolPackage => Path.Combine(Feed, $"FerNet.Cli.{Version}.nupkg");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
