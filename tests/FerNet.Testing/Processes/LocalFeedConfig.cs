namespace FerNet.Testing.Processes;

/// <summary>
/// A nuget.config that restores FerNet packages from a locally packed feed into a private packages
/// folder, with the machine's global folder as a read-only fallback, so that no stale FerNet package
/// from a cache can be picked up and none of the packed ones is left in the machine's cache.
/// </summary>
public static class LocalFeedConfig
{
    public static void Write(string path, string feed, string packagesFolder) =>
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="fernet-local" value="{feed}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{packagesFolder}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackagesFolder()}" />
              </fallbackPackageFolders>
            </configuration>
            """);

    /// <summary>
    /// The variables a restore under such a config runs with: NUGET_PACKAGES, when the user has set
    /// it, overrides the config's globalPackagesFolder and would extract the packed packages into
    /// the user's cache, so it names the private folder too.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(string packagesFolder) =>
        new Dictionary<string, string> { ["NUGET_PACKAGES"] = packagesFolder };

    /// <summary>The machine's global packages folder: NUGET_PACKAGES, or where dotnet says it is.</summary>
    public static string MachinePackagesFolder()
    {
        string? configured = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        string listing = ExternalProcess.Run("dotnet", "nuget", "locals", "global-packages", "--list");
        return listing.Split(':', 2)[1].Trim();
    }
}
