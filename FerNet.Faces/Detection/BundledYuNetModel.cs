namespace FerNet.Faces.Detection;

/// <summary>The YuNet model embedded in FerNet.Faces (OpenCV Zoo, MIT licence; see THIRD-PARTY-NOTICES.md).</summary>
internal static class BundledYuNetModel
{
    /// <summary>The manifest name of the embedded model.</summary>
    public const string ResourceName = "FerNet.Faces.Detection.Models.face_detection_yunet.onnx";

    /// <summary>How error messages name the bundled model.</summary>
    public const string Description = "The YuNet face detector bundled with FerNet.Faces";

    /// <summary>The embedded model's bytes.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing: the assembly is damaged.</exception>
    public static byte[] Read()
    {
        using Stream stream = typeof(BundledYuNetModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(BundledYuNetModel).Assembly.GetName().Name}; the package is damaged.");
        using var copy = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
