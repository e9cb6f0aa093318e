using System.Text;

namespace FerNet.Training.Tests.Checkpoints;

/// <summary>
/// Reads and replaces the JSON header of a checkpoint file in place, keeping its weights, to stand
/// for checkpoints written with another header (older, or hand-edited).
/// </summary>
internal static class CheckpointHeaderFile
{
    private const int MagicLength = 8;

    /// <summary>The header JSON of the checkpoint at <paramref name="path"/>.</summary>
    public static string Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        reader.ReadBytes(MagicLength);
        reader.ReadInt32();
        return reader.ReadString();
    }

    /// <summary>Writes the checkpoint at <paramref name="source"/> to <paramref name="destination"/> with <paramref name="header"/> as its header.</summary>
    public static void WriteWithHeader(string source, string destination, string header)
    {
        byte[] magic;
        int version;
        byte[] rest;
        using (var reader = new BinaryReader(File.OpenRead(source), Encoding.UTF8))
        {
            magic = reader.ReadBytes(MagicLength);
            version = reader.ReadInt32();
            reader.ReadString();
            rest = reader.ReadBytes((int)(reader.BaseStream.Length - reader.BaseStream.Position));
        }

        using var writer = new BinaryWriter(File.Create(destination), Encoding.UTF8);
        writer.Write(magic);
        writer.Write(version);
        writer.Write(header);
        writer.Write(rest);
    }
}
