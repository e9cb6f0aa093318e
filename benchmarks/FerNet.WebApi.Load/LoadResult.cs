using System.Globalization;

namespace FerNet.WebApi.Load;

/// <summary>What one endpoint did at one level of concurrency: answered requests, failures and latencies.</summary>
/// <param name="Endpoint">The path, such as "/predict".</param>
/// <param name="Clients">How many clients sent requests at once, each waiting for its answer before the next.</param>
/// <param name="Elapsed">How long the level ran.</param>
/// <param name="Latencies">The latency of every answered request.</param>
/// <param name="Failures">Requests answered with a status other than 200, or not answered.</param>
internal sealed record LoadResult(string Endpoint, int Clients, TimeSpan Elapsed, IReadOnlyList<TimeSpan> Latencies, int Failures)
{
    public double RequestsPerSecond => Latencies.Count / Elapsed.TotalSeconds;

    /// <summary>The latency that <paramref name="percent"/> % of the requests did not exceed (nearest rank).</summary>
    public TimeSpan Percentile(double percent)
    {
        if (Latencies.Count == 0)
        {
            return TimeSpan.Zero;
        }

        TimeSpan[] sorted = [.. Latencies.Order()];
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public string ToMarkdownRow() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Endpoint} | {Clients} | {Latencies.Count} | {RequestsPerSecond:0.0} | {Percentile(50).TotalMilliseconds:0.0} | {Percentile(95).TotalMilliseconds:0.0} | {Failures} |");
}
