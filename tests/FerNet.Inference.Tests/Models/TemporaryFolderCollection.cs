namespace FerNet.Inference.Tests.Models;

/// <summary>
/// Tests that point the process's temporary folder elsewhere run on their own, after every parallel
/// test: another test creating a temporary file at the same moment would land in the watched folder.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TemporaryFolderCollection
{
    public const string Name = "Process-wide temporary folder";
}
