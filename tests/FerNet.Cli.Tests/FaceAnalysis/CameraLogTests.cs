using System.Diagnostics;
using FerNet.Cli.Commands;

namespace FerNet.Cli.Tests.FaceAnalysis;

/// <summary>
/// OpenCV writes its own warnings and errors straight to the process's standard error, past any
/// redirection of <see cref="Console"/>, so the CLI is run as a process of its own here.
/// </summary>
public sealed class CameraLogTests
{
    [Fact]
    public async Task A_missing_camera_is_one_line_with_no_OpenCV_log_around_it()
    {
        string fernet = Path.Combine(Path.GetDirectoryName(typeof(FernetCommand).Assembly.Location)!, "fernet.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { fernet, "camera", "--index", "9", "--frames", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        string errors = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        string[] lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, process.ExitCode);
        Assert.True(lines.Length == 1, $"Expected one line on standard error, got:\n{errors}");
        Assert.StartsWith("error: Camera 9 cannot be opened", lines[0], StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await output).Trim());
    }
}
