using System.CommandLine;
using FerNet.Cli.Commands;

namespace FerNet.Tests.Prediction;

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
}
