using System.Diagnostics;

namespace FerNet.Tests.Prediction;

/// <summary>Files whose reading never ends or blocks: named pipes and links to devices.</summary>
internal static class SpecialFiles
{
    /// <summary>An endless device: reading it returns zeros for ever.</summary>
    public const string EndlessDevice = "/dev/zero";

    /// <summary>Makes a named pipe (FIFO) at <paramref name="path"/>; opening it for reading blocks until a writer comes, which none does.</summary>
    public static string Fifo(string path)
    {
        using Process mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>Makes a symbolic link at <paramref name="path"/> to <paramref name="target"/>.</summary>
    public static string Link(string path, string target)
    {
        File.CreateSymbolicLink(path, target);
        return path;
    }

    /// <summary>Runs the CLI on another thread and fails, instead of hanging the test run, when it does not return within a minute.</summary>
    public static PredictCliResult RunBounded(params string[] arguments)
    {
        Task<PredictCliResult> run = Task.Run(() => PredictCli.RunFernet(arguments));
        Assert.True(run.Wait(TimeSpan.FromMinutes(1)), $"fernet {string.Join(' ', arguments)} did not return within a minute.");
        return run.Result;
    }
}
