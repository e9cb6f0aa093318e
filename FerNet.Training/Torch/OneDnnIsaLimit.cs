using System.Runtime.InteropServices;

namespace FerNet.Training.Torch;

/// <summary>
/// Keeps libtorch's oneDNN convolutions to SSE4.1 code on CPUs where its AVX and AVX-512 code computes
/// wrong results. On an AMD EPYC of family 26 (Zen 5), libtorch 2.10's oneDNN returns convolutions
/// that are off by up to 1.0 for some shapes (e.g. 40 to 80 channels over 24 x 24, or 20 to 40 channels
/// for a batch of four), with one thread or two, while its SSE4.1 code and its matrix products are
/// right; <c>OneDnnConvolutionTests</c> checks a convolution against a double-precision reference.
/// </summary>
/// <remarks>
/// oneDNN reads <c>DNNL_MAX_CPU_ISA</c> from the process environment once, at its first convolution,
/// so this must run before TorchSharp computes anything. .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach the native
/// environment on Linux, hence libc's <c>setenv</c>. A value the user set is left as it is.
/// </remarks>
internal static partial class OneDnnIsaLimit
{
    /// <summary>The variable oneDNN reads its highest instruction set from.</summary>
    public const string Variable = "DNNL_MAX_CPU_ISA";

    private const int Zen5Family = 0x1A;

    /// <summary>Limits oneDNN to SSE4.1 where the CPU needs it; safe to call more than once.</summary>
    /// <returns>Whether the limit is in force in this process.</returns>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is { Length: > 0 })
        {
            return Environment.GetEnvironmentVariable(Variable) == "SSE41";
        }

        if (!NeedsLimit(File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").Take(64) : []))
        {
            return false;
        }

        // Overwrite: an empty value, which counts as unset above, would otherwise stay and leave oneDNN unlimited.
        if (SetEnvironment(Variable, "SSE41", overwrite: 1) != 0)
        {
            throw new InvalidOperationException($"Could not set {Variable} for libtorch's oneDNN (errno {Marshal.GetLastPInvokeError()}).");
        }

        Environment.SetEnvironmentVariable(Variable, "SSE41");
        return true;
    }

    /// <summary>Whether the first processor in <paramref name="cpuInfo"/> (lines of /proc/cpuinfo) is one whose oneDNN AVX code is wrong.</summary>
    public static bool NeedsLimit(IEnumerable<string> cpuInfo)
    {
        string? vendor = null;
        int? family = null;
        foreach (string line in cpuInfo)
        {
            string[] parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                continue;
            }

            if (parts[0] == "vendor_id")
            {
                vendor ??= parts[1];
            }
            else if (parts[0] == "cpu family" && int.TryParse(parts[1], out int value))
            {
                family ??= value;
            }
        }

        return vendor == "AuthenticAMD" && family >= Zen5Family;
    }

    [LibraryImport("libc", EntryPoint = "setenv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
