using System.CommandLine;
using FerNet.Training.Cli;

namespace FerNet.Tests.Prediction;

/// <summary>Runs the real `predict` verb in process, as `fernet predict ...` would, capturing both outputs.</summary>
internal static class PredictCli
{
    public static PredictCliResult Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = errors,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };

        int exitCode = new RootCommand { PredictCommand.Create() }.Parse(["predict", .. arguments]).Invoke(configuration);
        return new PredictCliResult(exitCode, output.ToString(), errors.ToString());
    }
}
