using System.Diagnostics;

namespace FerNet.Testing.Files;

/// <summary>Files whose reading never ends or blocks: named pipes and links to devices.</summary>
public static class SpecialFiles
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
}
