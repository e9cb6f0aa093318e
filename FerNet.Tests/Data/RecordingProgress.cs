using FerNet.Training.Data;

namespace FerNet.Tests.Data;

/// <summary>Keeps every report it receives, synchronously (unlike Progress&lt;T&gt;, which posts them later).</summary>
internal sealed class RecordingProgress : IProgress<DatasetLoadProgress>
{
    private readonly List<DatasetLoadProgress> _reports = [];

    public IReadOnlyList<DatasetLoadProgress> Reports => _reports;

    public void Report(DatasetLoadProgress value) => _reports.Add(value);
}
