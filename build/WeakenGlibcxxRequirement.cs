using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// TorchSharp-cpu 0.107's libLibTorchSharp.so was linked against GCC 13's libstdc++ and asks for the
/// symbol version GLIBCXX_3.4.32, only for std::ios_base_library_init(), a link-time marker that no
/// relocation uses. Debian 12 and Ubuntu 22.04 ship libstdc++ up to GLIBCXX_3.4.30, so the loader
/// refuses the library. Marking that one version requirement weak (VER_FLG_WEAK in its Vernaux entry)
/// lets the loader accept it. This task does so in the build-output copy only, never in the NuGet
/// cache, and only on a Linux machine whose libstdc++ lacks the version.
/// </summary>
public sealed class WeakenGlibcxxRequirement : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>The native library to patch in place (a build-output copy).</summary>
    [Required]
    public string LibraryPath { get; set; } = "";

    /// <summary>The symbol version the system may lack.</summary>
    public string VersionName { get; set; } = "GLIBCXX_3.4.32";

    public override bool Execute()
    {
        if (!File.Exists(LibraryPath))
        {
            return true;
        }

        if (SystemLibstdcxxHas(VersionName))
        {
            Log.LogMessage(MessageImportance.Low, $"System libstdc++ provides {VersionName}; {LibraryPath} left as it is.");
            return true;
        }

        byte[] elf = File.ReadAllBytes(LibraryPath);
        int patched;
        try
        {
            patched = MarkVersionNeedWeak(elf, VersionName);
        }
        catch (InvalidDataException e)
        {
            Log.LogError($"Cannot patch {LibraryPath}: {e.Message}");
            return false;
        }

        if (patched == 0)
        {
            Log.LogMessage(MessageImportance.Low, $"{LibraryPath} does not require {VersionName} (or already weak).");
            return true;
        }

        string temp = LibraryPath + ".patching";
        File.WriteAllBytes(temp, elf);
        File.Replace(temp, LibraryPath, null);
        Log.LogMessage(MessageImportance.High, $"Marked {VersionName} weak in {LibraryPath}: this system's libstdc++ lacks it.");
        return true;
    }

    /// <summary>Sets VER_FLG_WEAK on every Vernaux entry named <paramref name="version"/>; returns how many changed.</summary>
    private static int MarkVersionNeedWeak(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        }

        long sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
        int headerSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        int changed = 0;
        for (int s = 0; s < sectionCount; s++)
        {
            int header = checked((int)(sectionHeaders + (long)s * headerSize));
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            int offset = checked((int)BitConverter.ToUInt64(elf, header + 0x18));
            int stringSection = (int)BitConverter.ToUInt32(elf, header + 0x28);
            int needCount = (int)BitConverter.ToUInt32(elf, header + 0x2C);
            int strings = checked((int)BitConverter.ToUInt64(elf, checked((int)(sectionHeaders + (long)stringSection * headerSize)) + 0x18));

            int need = offset;
            for (int n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    int name = strings + (int)BitConverter.ToUInt32(elf, aux + 8);
                    if (ReadCString(elf, name) == version)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, aux + 4);
                        if ((flags & VerFlgWeak) == 0)
                        {
                            BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, aux + 4);
                            changed++;
                        }
                    }

                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }

                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
        }

        return changed;
    }

    private static string ReadCString(byte[] data, int start)
    {
        int end = Array.IndexOf(data, (byte)0, start);
        return Encoding.ASCII.GetString(data, start, end - start);
    }

    private static bool SystemLibstdcxxHas(string version)
    {
        byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
        foreach (string candidate in FindLibstdcxx())
        {
            if (File.Exists(candidate) && IndexOf(File.ReadAllBytes(candidate), needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string[] FindLibstdcxx()
    {
        try
        {
            var start = new ProcessStartInfo("/sbin/ldconfig", "-p") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            foreach (string line in output.Split('\n'))
            {
                if (line.TrimStart().StartsWith("libstdc++.so.6 ", StringComparison.Ordinal) && line.Contains("x86-64"))
                {
                    return new[] { line.Substring(line.IndexOf("=>", StringComparison.Ordinal) + 2).Trim() };
                }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No ldconfig: fall back to the usual places below.
        }

        return new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6" };
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        int first = 0;
        while ((first = Array.IndexOf(haystack, needle[0], first)) >= 0 && first <= haystack.Length - needle.Length)
        {
            int i = 1;
            while (i < needle.Length && haystack[first + i] == needle[i])
            {
                i++;
            }

            if (i == needle.Length)
            {
                return first;
            }

            first++;
        }

        return -1;
    }
}
