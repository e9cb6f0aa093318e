using System.CommandLine;
using FerNet.Training.Cli;

namespace FerNet.Tests.Prediction;

/// <summary>Runs real `fernet` verbs in process, as `fernet predict ...` would, capturing both outputs.</summary>
internal static class PredictCli
{
    public static PredictCliResult Run(params string[] arguments) => RunVerbs([PredictCommand.Create()], ["predict", .. arguments]);

    /// <summary>Runs <paramref name="arguments"/> (verb first) against a root command holding <paramref name="verbs"/>.</summary>
    public static PredictCliResult RunVerbs(Command[] verbs, string[] arguments)
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

        var root = new RootCommand();
        Array.ForEach(verbs, root.Subcommands.Add);
        int exitCode = root.Parse(arguments).Invoke(configuration);
        return new PredictCliResult(exitCode, output.ToString(), errors.ToString());
    }
}
