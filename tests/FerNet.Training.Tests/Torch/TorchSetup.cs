using System.Runtime.CompilerServices;
using FerNet.Training.Torch;

namespace FerNet.Training.Tests.Torch;

/// <summary>Applies what FerNet.Training's entry point applies before TorchSharp first computes anything, as the tests run TorchSharp in this process.</summary>
internal static class TorchSetup
{
#pragma warning disable CA2255 // The test assembly is the process's entry here: oneDNN must see the limit before any test's first convolution.
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void LimitOneDnn() => OneDnnIsaLimit.Apply();
}
