using System.Security.Cryptography;
using FerNet.Core.IO;

namespace FerNet.Faces.Detection;

/// <summary>
/// The YuNet model embedded in FerNet.Faces (OpenCV Zoo, MIT licence; see THIRD-PARTY-NOTICES.md).
/// OpenCvSharp's <c>FaceDetectorYN</c> loads a model only from a file, so the embedded bytes are
/// written once to a per-user cache file named by their hash, and that file is checked against
/// them before each load.
/// </summary>
internal static class BundledYuNetModel
{
    /// <summary>The manifest name of the embedded model.</summary>
    public const string ResourceName = "FerNet.Faces.Detection.Models.face_detection_yunet.onnx";

    /// <summary>How error messages name the bundled model.</summary>
    public const string Description = "The YuNet face detector bundled with FerNet.Faces";

    private static readonly Lazy<byte[]> Model = new(ReadResource);

    /// <summary>
    /// The path of a file that holds exactly the embedded model, written (atomically) when it is
    /// missing or differs, so that a file removed or changed by someone else is put back.
    /// </summary>
    /// <exception cref="IOException">The cache file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The cache folder may not be written.</exception>
    public static string EnsureFile()
    {
        byte[] model = Model.Value;
        string path = Path.Combine(CacheDirectory(), $"face_detection_yunet-{Convert.ToHexStringLower(SHA256.HashData(model))[..16]}.onnx");
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(model))
        {
            AtomicFile.WriteAllBytes(path, model);
        }

        return path;
    }

    // Per user where the platform has such a folder, so that no other account can swap the file.
    private static string CacheDirectory()
    {
        string local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(string.IsNullOrEmpty(local) ? Path.GetTempPath() : local, "FerNet", "models");
    }

    private static byte[] ReadResource()
    {
        using Stream stream = typeof(BundledYuNetModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(BundledYuNetModel).Assembly.GetName().Name}; the package is damaged.");
        using var copy = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
