namespace FerNet.Cli.Tests.Running;

/// <summary>What one run of the predict verb returned and printed.</summary>
internal sealed record PredictCliResult(int ExitCode, string Output, string Errors);
