namespace FerNet.Testing.Files;

/// <summary>A fresh folder under the system's temporary folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("fernet-tests-").FullName;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
