namespace FerNet.Tests.TestData;

/// <summary>
/// A nuget.config that restores FerNet packages from a locally packed feed into a private packages
/// folder, with the machine's global folder as a read-only fallback, so that no stale FerNet package
/// from a cache can be picked up.
/// </summary>
internal static class LocalFeedConfig
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

    private static string MachinePackagesFolder()
    {
        string? configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        string listing = ExternalProcess.Run("dotnet", "nuget", "locals", "global-packages", "--list");
        return listing.Split(':', 2)[1].Trim();
    }
}
