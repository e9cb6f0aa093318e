namespace FerNet.Tests.Reports;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on disposal.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fernet-reports-" + Guid.NewGuid().ToString("N"));

    public string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
