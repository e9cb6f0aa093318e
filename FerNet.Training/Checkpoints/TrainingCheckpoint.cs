using FerNet.Common.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FerNet.Training.Models;
using static TorchSharp.torch;

namespace FerNet.Training.Checkpoints;

/// <summary>
/// Reads and writes FerNet checkpoints: a magic number, a JSON header, the module's weights and
/// buffers, optionally the optimiser state, and an end marker that exposes truncation. From format
/// version 2 a SHA-256 of the weights and optimiser state follows the header, so flipped bytes that
/// still parse as tensors are refused instead of resumed. Files are written to a temporary name and
/// renamed, so a crash never leaves half a checkpoint behind.
/// </summary>
internal static class TrainingCheckpoint
{
    private const int FormatVersion = 2;

    // Version 1 checkpoints, written before the checksum, still load: their weights go unchecked.
    private const int FormatVersionWithoutChecksum = 1;
    private static readonly byte[] Magic = "FERNETCK"u8.ToArray();
    private static readonly byte[] EndMarker = "FERNETOK"u8.ToArray();

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <paramref name="model"/> (and <paramref name="optimizer"/> when given) to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, CheckpointHeader header, FerModel model, optim.Optimizer? optimizer)
    {
        // The checksum precedes the state it covers, so the state is serialised first.
        using var state = new MemoryStream();
        using (var stateWriter = new BinaryWriter(state, Encoding.UTF8, leaveOpen: true))
        {
            model.save(stateWriter);
            if (optimizer is not null)
            {
                ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(stateWriter);
            }
        }

        byte[] checksum = SHA256.HashData(state.GetBuffer().AsSpan(0, (int)state.Length));
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(JsonSerializer.Serialize(header, Json));
            writer.Write(optimizer is not null);
            writer.Write(checksum);
            writer.Write(state.GetBuffer(), 0, (int)state.Length);
            writer.Write(EndMarker);
        });
    }

    /// <summary>Reads only the header of the checkpoint at <paramref name="path"/>.</summary>
    public static CheckpointHeader ReadHeader(string path)
    {
        using var reader = Open(path);
        return ReadHeader(reader, path).Header;
    }

    /// <summary>Builds the checkpoint's architecture and loads its weights, in eval mode.</summary>
    public static (FerModel Model, CheckpointHeader Header) LoadModel(string path)
    {
        using var reader = Open(path);
        (CheckpointHeader header, _) = ReadHeader(reader, path);
        FerModel model;
        try
        {
            model = ModelCatalog.Create(header.Architecture);
        }
        catch (ArgumentException e)
        {
            throw new InvalidCheckpointException(path, e.Message, e);
        }

        try
        {
            LoadWeights(reader, path, model);
            model.eval();
            return (model, header);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies the checkpoint's weights (and BatchNorm statistics) into an existing model of the same
    /// architecture, leaving optimiser state behind: the start of a fine-tuning run.
    /// </summary>
    /// <returns>The checkpoint's header.</returns>
    public static CheckpointHeader LoadWeightsInto(string path, FerModel model)
    {
        using var reader = Open(path);
        (CheckpointHeader header, _) = ReadHeaderFor(reader, path, model);
        LoadWeights(reader, path, model);
        return header;
    }

    /// <summary>Restores weights and optimiser state into an existing model and optimiser, for resuming.</summary>
    public static CheckpointHeader Restore(string path, FerModel model, optim.Optimizer optimizer)
    {
        using var reader = Open(path);
        (CheckpointHeader header, bool hasOptimizer) = ReadHeaderFor(reader, path, model);
        if (!hasOptimizer)
        {
            throw new InvalidCheckpointException(path, "it holds no optimiser state (a best-model checkpoint); resume from last.ckpt.");
        }

        LoadWeights(reader, path, model);
        try
        {
            ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(reader);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidCheckpointException(path, "its optimiser state is truncated or does not fit the optimiser.", e);
        }

        return header;
    }

    private static BinaryReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        }

        var stream = File.OpenRead(path);
        var end = new byte[EndMarker.Length];
        if (stream.Length < Magic.Length + EndMarker.Length)
        {
            stream.Dispose();
            throw new InvalidCheckpointException(path, $"it is only {new FileInfo(path).Length} bytes long.");
        }

        stream.Seek(-EndMarker.Length, SeekOrigin.End);
        stream.ReadExactly(end);
        stream.Seek(0, SeekOrigin.Begin);
        if (!end.AsSpan().SequenceEqual(EndMarker))
        {
            stream.Dispose();
            throw new InvalidCheckpointException(path, "it is truncated (the end marker is missing).");
        }

        return new BinaryReader(stream, Encoding.UTF8);
    }

    private static (CheckpointHeader Header, bool HasOptimizer) ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            byte[] magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidCheckpointException(path, "it is not a FerNet checkpoint (wrong magic number).");
            }

            int version = reader.ReadInt32();
            if (version is not (FormatVersion or FormatVersionWithoutChecksum))
            {
                throw new InvalidCheckpointException(path, $"format version {version} is not supported (expected {FormatVersionWithoutChecksum} or {FormatVersion}).");
            }

            CheckpointHeader header = JsonSerializer.Deserialize<CheckpointHeader>(reader.ReadString(), Json)
                ?? throw new InvalidCheckpointException(path, "its header is empty.");
            bool hasOptimizer = reader.ReadBoolean();
            if (version == FormatVersion)
            {
                VerifyChecksum(reader, path);
            }

            return (header, hasOptimizer);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or IOException)
        {
            throw new InvalidCheckpointException(path, "its header is truncated or corrupt.", e);
        }
    }

    private static (CheckpointHeader Header, bool HasOptimizer) ReadHeaderFor(BinaryReader reader, string path, FerModel model)
    {
        (CheckpointHeader header, bool hasOptimizer) = ReadHeader(reader, path);
        if (header.Architecture != model.Architecture)
        {
            throw new InvalidCheckpointException(path, $"it holds a '{header.Architecture}' model, not '{model.Architecture}'.");
        }

        return (header, hasOptimizer);
    }

    /// <summary>Reads the stored checksum and compares it with the hash of the state that follows, leaving the reader at the state.</summary>
    private static void VerifyChecksum(BinaryReader reader, string path)
    {
        byte[] stored = reader.ReadBytes(SHA256.HashSizeInBytes);
        Stream stream = reader.BaseStream;
        long start = stream.Position;
        long stateLength = stream.Length - EndMarker.Length - start;
        if (stored.Length != SHA256.HashSizeInBytes || stateLength < 0)
        {
            throw new InvalidCheckpointException(path, "its header is truncated or corrupt.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[1 << 16];
        for (long left = stateLength; left > 0;)
        {
            int read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, left));
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            hash.AppendData(chunk, 0, read);
            left -= read;
        }

        if (!hash.GetHashAndReset().AsSpan().SequenceEqual(stored))
        {
            throw new InvalidCheckpointException(path, "its weights or optimiser state do not match the checksum in its header: the file is corrupt.");
        }

        stream.Position = start;
    }

    private static void LoadWeights(BinaryReader reader, string path, FerModel model)
    {
        try
        {
            model.load(reader, strict: true);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidCheckpointException(path, $"its weights are truncated or do not fit the '{model.Architecture}' architecture.", e);
        }
    }
}
