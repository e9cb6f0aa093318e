namespace FerNet.Training.Tests.Data;

/// <summary>Keeps every report it receives, synchronously (unlike Progress&lt;T&gt;, which posts them later).</summary>
internal sealed class RecordingProgress<T> : IProgress<T>
{
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports => _reports;

    public void Report(T value) => _reports.Add(value);
}
