using System.Globalization;
using FerNet.Common.IO;

namespace FerNet.Inference.Models;

/// <summary>Reads a model's bytes from a file or a stream, with a bound, for <see cref="ModelSession.Open"/>.</summary>
internal static class ModelReader
{
    /// <summary>
    /// The most bytes a model file or stream may have: 512 MiB. ONNX Runtime takes a model from
    /// memory as one protobuf message, which cannot exceed 2 GiB; FerNet's models are far smaller
    /// (the embedded ensemble of four CNNs is 18 MB, a single large CNN for 48 x 48 faces under
    /// 200 MB), so 512 MiB refuses no real model and caps what an endless input costs.
    /// </summary>
    public const int MaxBytes = 512 * 1024 * 1024;

    /// <summary>Reads the model file <paramref name="modelPath"/>, refusing devices, FIFOs and files over <see cref="MaxBytes"/> without reading them.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="InvalidModelException">The file reports a length of 0, or has more than <see cref="MaxBytes"/>.</exception>
    public static byte[] ReadFile(string modelPath, string modelName)
    {
        if (!File.Exists(modelPath) && new FileInfo(modelPath).LinkTarget is null)
        {
            throw new FileNotFoundException($"Model file '{modelPath}' does not exist.", modelPath);
        }

        if (RegularFile.ReadRefusal(modelPath, modelName) is string refusal)
        {
            throw new InvalidModelException(refusal);
        }

        return BoundedRead.ReadFile(modelPath, MaxBytes) ?? throw TooLarge(modelName);
    }

    /// <summary>Reads <paramref name="model"/> from its position to its end.</summary>
    /// <exception cref="InvalidModelException">The stream has more than <see cref="MaxBytes"/>.</exception>
    public static byte[] ReadStream(Stream model, string modelName) =>
        BoundedRead.ReadToEnd(model, MaxBytes) ?? throw TooLarge(modelName);

    private static InvalidModelException TooLarge(string modelName) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{modelName} has more than {MaxBytes / (1024 * 1024)} MiB, more than any FerNet model; FerNet reads no more of it."));
}
