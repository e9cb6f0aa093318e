using System.Net;
using System.Net.Http.Json;
using FerNet.WebApi.Tests.Hosting;
using FerNet.WebApi.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace FerNet.WebApi.Tests.Api;

/// <summary>
/// The pixels the service decodes at once are bounded: a request whose image does not fit beside
/// those being decoded waits, first come first served, and after Upload:QueueTimeoutSeconds gets 503
/// with Retry-After; one larger than Upload:MaxPixelsPerRequest gets 413.
/// </summary>
public sealed class PixelBudgetTests(WebApiFactory service) : IClassFixture<WebApiFactory>
{
    // 100 x 100 = 10,000 pixels.
    private static readonly byte[] Face = GrayPng(100);

    [Fact]
    public async Task ARequestThatDoesNotFitWaitsForRoomAndGetsItWhenItIsFreed()
    {
        var budget = new PixelBudget(new UploadOptions { MaxPixelsPerRequest = 10_000, MaxConcurrentPixels = 10_000, QueueTimeoutSeconds = 30 });
        IDisposable first = await budget.EnterAsync(Face, CancellationToken.None);

        Task<IDisposable> second = budget.EnterAsync(Face, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(second.IsCompleted, "the second image must wait while the first holds the budget");

        first.Dispose();
        using IDisposable granted = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(10_000, budget.InUse);
    }

    [Fact]
    public async Task ARequestThatWaitsTooLongGetsServiceBusyWithRetryAfterAndHoldsNothing()
    {
        var budget = new PixelBudget(new UploadOptions { MaxPixelsPerRequest = 10_000, MaxConcurrentPixels = 15_000, QueueTimeoutSeconds = 0.2 });
        using IDisposable first = await budget.EnterAsync(Face, CancellationToken.None);

        var busy = await Assert.ThrowsAsync<ServiceBusyException>(() => budget.EnterAsync(Face, CancellationToken.None));

        Assert.Equal(1, busy.RetryAfterSeconds);
        Assert.Contains("Upload:MaxConcurrentPixels", busy.Message, StringComparison.Ordinal);
        Assert.Equal(10_000, budget.InUse);
    }

    [Fact]
    public async Task TheServiceAnswers503WithRetryAfterWhenTheBudgetIsHeld()
    {
        using var limited = service.WithWebHostBuilder(host => host
            .UseSetting("Upload:MaxPixelsPerRequest", "10000")
            .UseSetting("Upload:MaxConcurrentPixels", "10000")
            .UseSetting("Upload:QueueTimeoutSeconds", "0.2"));
        using HttpClient client = limited.CreateClient();
        PixelBudget budget = limited.Services.GetRequiredService<PixelBudget>();

        using (await budget.EnterAsync(Face, CancellationToken.None))
        {
            using HttpResponseMessage response = await client.PostAsync("/predict", UploadContent.Raw(Face));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using HttpResponseMessage after = await client.PostAsync("/predict", UploadContent.Raw(Face));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(0, budget.InUse);
    }

    [Fact]
    public async Task AnImageOverThePerRequestBudgetGets413NamingTheSetting()
    {
        using var limited = service.WithWebHostBuilder(host => host.UseSetting("Upload:MaxPixelsPerRequest", "9999"));
        using HttpClient client = limited.CreateClient();

        using HttpResponseMessage response = await client.PostAsync("/analyze", UploadContent.Form(Face));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        ProblemDetails problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Contains("10,000 pixels", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("Upload:MaxPixelsPerRequest", problem.Detail, StringComparison.Ordinal);
    }

    private static byte[] GrayPng(int side)
    {
        using var bitmap = new SKBitmap(side, side);
        bitmap.Erase(SKColors.Gray);
        using SKData encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
