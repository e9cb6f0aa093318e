using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace FerNet.WebApi.Load;

/// <summary>Sends one image to one endpoint from a number of clients at once for a fixed time.</summary>
internal sealed class LoadRunner(HttpClient client)
{
    public async Task<LoadResult> RunAsync(string endpoint, byte[] image, int clients, TimeSpan duration)
    {
        // Warm-up: the first requests pay for connections and for the detector's size-specific set-up.
        for (int i = 0; i < clients; i++)
        {
            await SendAsync(endpoint, image);
        }

        var latencies = new List<TimeSpan>[clients];
        int failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            var own = latencies[worker] = [];
            while (clock.Elapsed < duration)
            {
                long start = Stopwatch.GetTimestamp();
                if (await SendAsync(endpoint, image))
                {
                    own.Add(Stopwatch.GetElapsedTime(start));
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        clock.Stop();
        return new LoadResult(endpoint, clients, clock.Elapsed, [.. latencies.SelectMany(own => own)], failures);
    }

    private async Task<bool> SendAsync(string endpoint, byte[] image)
    {
        using var body = new ByteArrayContent(image);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        try
        {
            using HttpResponseMessage response = await client.PostAsync(endpoint, body);
            await response.Content.LoadIntoBufferAsync();
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
