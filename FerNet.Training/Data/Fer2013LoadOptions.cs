namespace FerNet.Training.Data;

/// <summary>How <see cref="Fer2013.Load"/> reads a dataset.</summary>
public sealed record Fer2013LoadOptions
{
    /// <summary>
    /// The folder that holds decoded copies of datasets, so that a second load skips image decoding
    /// and CSV parsing. Defaults to <see cref="Fer2013.DefaultCacheDirectory"/>; null reads the
    /// source every time.
    /// </summary>
    public string? CacheDirectory { get; init; } = Fer2013.DefaultCacheDirectory;

    /// <summary>Receives progress reports, one call at a time, from whichever thread does the work.</summary>
    public IProgress<DatasetLoadProgress>? Progress { get; init; }
}
