namespace FerNet.Training.Tests.Torch;

/// <summary>
/// Tests that depend on TorchSharp's process-wide random generator (dropout draws from it) run on
/// their own, after every parallel test: another test seeding or drawing from it at the same moment
/// would make a run's randomness depend on timing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchCollection
{
    public const string Name = "TorchSharp global random generator";
}
