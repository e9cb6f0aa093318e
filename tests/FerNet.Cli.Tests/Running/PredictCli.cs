using System.CommandLine;
using FerNet.Cli.Commands;

namespace FerNet.Cli.Tests.Running;

/// <summary>Runs the real `fernet` command in process, as the installed tool would, capturing both outputs.</summary>
internal static class PredictCli
{
    public static PredictCliResult Run(params string[] arguments) => RunFernet(["predict", .. arguments]);

    /// <summary>Runs <paramref name="arguments"/> (verb first) through <see cref="FernetCommand.Run"/>, the tool's entry point.</summary>
    public static PredictCliResult RunFernet(string[] arguments)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = errors,
            ProcessTerminationTimeout = null,
        };

        int exitCode = FernetCommand.Run(arguments, configuration);
        return new PredictCliResult(exitCode, output.ToString(), errors.ToString());
    }

    /// <summary>Runs the CLI on another thread and fails, instead of hanging the test run, when it does not return within a minute.</summary>
    public static PredictCliResult RunBounded(params string[] arguments)
    {
        Task<PredictCliResult> run = Task.Run(() => RunFernet(arguments));
        Assert.True(run.Wait(TimeSpan.FromMinutes(1)), $"fernet {string.Join(' ', arguments)} did not return within a minute.");
        return run.Result;
    }
}
