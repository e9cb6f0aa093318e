
namespace FerNet.Cli.Tests.Running;

/// <summary>How a run of the CLI that must not start looks: exit code 2, one line `error: ...` naming the fault, nothing on the output.</summary>
internal static class CliAssert
{
    public static void RefusedWithOneLine(PredictCliResult result, params string[] messageParts)
    {
        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        foreach (string part in messageParts)
        {
            Assert.Contains(part, line, StringComparison.Ordinal);
        }

        Assert.Empty(result.Output);
    }
}
