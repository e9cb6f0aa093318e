using System.Runtime.InteropServices;
using FerNet.Training.Torch;

namespace FerNet.Training.Tests.Torch;

/// <summary>The limit reaches the native environment that oneDNN reads, also over an empty value.</summary>
public sealed class OneDnnIsaLimitTests
{
    [Fact]
    public void An_empty_variable_is_replaced_where_the_cpu_needs_the_limit()
    {
        bool needed = OneDnnIsaLimit.NeedsLimit(File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").Take(64) : []);
        string? before = NativeValue();
        try
        {
            // oneDNN read the variable at the first convolution of this process, so changing it here changes no result.
            Assert.Equal(0, SetEnvironment(OneDnnIsaLimit.Variable, "", 1));
            Environment.SetEnvironmentVariable(OneDnnIsaLimit.Variable, null);

            bool applied = OneDnnIsaLimit.Apply();

            Assert.Equal(needed, applied);
            Assert.Equal(needed ? "SSE41" : "", NativeValue());
        }
        finally
        {
            SetEnvironment(OneDnnIsaLimit.Variable, before ?? "", 1);
            Environment.SetEnvironmentVariable(OneDnnIsaLimit.Variable, before);
        }
    }

    private static string? NativeValue() => Marshal.PtrToStringUTF8(GetEnvironment(OneDnnIsaLimit.Variable));

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnvironment([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnvironment([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
