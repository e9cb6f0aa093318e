
namespace FerNet.Cli.Tests.Running;

/// <summary>Runs the real faces and video verbs in process, as `fernet faces ...` would, capturing both outputs.</summary>
internal static class FacesCli
{
    public static PredictCliResult Run(params string[] arguments) => PredictCli.RunFernet(arguments);
}
