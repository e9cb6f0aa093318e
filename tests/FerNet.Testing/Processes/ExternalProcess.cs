using System.Diagnostics;

namespace FerNet.Testing.Processes;

/// <summary>Runs dotnet or an installed tool outside the test host and returns its standard output; a non-zero exit fails the test with both outputs.</summary>
public static class ExternalProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    public static string Run(string program, params string[] arguments) => RunIn(Path.GetTempPath(), program, arguments);

    public static string RunIn(string workingDirectory, string program, params string[] arguments) =>
        RunIn(workingDirectory, new Dictionary<string, string>(), program, arguments);

    /// <summary>Runs with <paramref name="environment"/> set on top of the test host's variables.</summary>
    public static string RunIn(string workingDirectory, IReadOnlyDictionary<string, string> environment, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings belong to the solution's build, not to these commands.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        // An installed tool's launcher finds the runtime through DOTNET_ROOT when dotnet is not where it looks by default.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(host);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran past {Timeout}.");
        }

        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output.Result}\n{errors.Result}");
        return output.Result;
    }
}
