using FerNet.Cli.Commands;

return FernetCommand.Run(args, new System.CommandLine.InvocationConfiguration());
