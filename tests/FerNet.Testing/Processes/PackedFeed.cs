using FerNet.Testing.Data;
namespace FerNet.Testing.Processes;

/// <summary>
/// FerNet projects packed once into a local feed under a unique version, for the tests that use
/// the packages as a user does. The build goes to a private artifacts folder, so that it cannot race
/// the solution's own build or another test that packs; everything lies under <see cref="Root"/>,
/// which is deleted on dispose.
/// </summary>
public abstract class PackedFeed : IDisposable
{
    protected PackedFeed(string versionLabel, params string[] projects)
    {
        Root = Directory.CreateTempSubdirectory($"fernet-{versionLabel}-").FullName;
        Version = $"0.0.0-{versionLabel}.{Guid.NewGuid():N}";
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        foreach (string project in projects)
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

    /// <summary>Restores go here (see <see cref="LocalFeedConfig"/>), never to the machine's cache.</summary>
    public string PackagesFolder => Path.Combine(Root, "packages");

    /// <summary>Whether the machine's package cache holds any FerNet package of <see cref="Version"/>.</summary>
    public bool MachineCacheHoldsThisVersion() =>
        Directory.Exists(LocalFeedConfig.MachinePackagesFolder())
        && Directory.EnumerateDirectories(LocalFeedConfig.MachinePackagesFolder(), "fernet.*")
            .Any(package => Directory.Exists(Path.Combine(package, Version)));

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        GC.SuppressFinalize(this);
    }
}
