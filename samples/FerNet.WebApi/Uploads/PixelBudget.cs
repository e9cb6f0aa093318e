using System.Globalization;
using FerNet.Inference;
using SkiaSharp;

namespace FerNet.WebApi.Uploads;

/// <summary>
/// Bounds the pixels that requests decode at once (<see cref="UploadOptions.MaxConcurrentPixels"/>)
/// and per request (<see cref="UploadOptions.MaxPixelsPerRequest"/>), counted from the image's header
/// before anything is decoded. Requests that do not fit wait in arrival order; one that waits longer
/// than <see cref="UploadOptions.QueueTimeoutSeconds"/> gets <see cref="ServiceBusyException"/> (503).
/// </summary>
/// <param name="options">The limits.</param>
internal sealed class PixelBudget(UploadOptions options)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(long Pixels, TaskCompletionSource Granted)> _waiting = new();
    private long _inUse;

    /// <summary>The pixels held by requests now; for tests and diagnostics.</summary>
    public long InUse
    {
        get
        {
            lock (_gate)
            {
                return _inUse;
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="encoded"/>'s pixels fit beside those being decoded, and holds them
    /// until the returned lease is disposed. An image whose header Skia cannot read counts one pixel:
    /// FerNet refuses it without decoding.
    /// </summary>
    /// <exception cref="BadHttpRequestException">413: the image claims more than <see cref="UploadOptions.MaxPixelsPerRequest"/>.</exception>
    /// <exception cref="ServiceBusyException">No room came within <see cref="UploadOptions.QueueTimeoutSeconds"/>.</exception>
    public async Task<IDisposable> EnterAsync(byte[] encoded, CancellationToken cancellationToken)
    {
        long pixels = ClaimedPixels(encoded);
        if (pixels > options.MaxPixelsPerRequest)
        {
            throw new BadHttpRequestException(
                string.Create(CultureInfo.InvariantCulture, $"The image claims {pixels:N0} pixels; this service decodes at most {options.MaxPixelsPerRequest:N0} per request (Upload:MaxPixelsPerRequest)."),
                StatusCodes.Status413PayloadTooLarge);
        }

        LinkedListNode<(long Pixels, TaskCompletionSource Granted)> waiter;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _inUse + pixels <= options.MaxConcurrentPixels)
            {
                _inUse += pixels;
                return new Lease(this, pixels);
            }

            waiter = _waiting.AddLast((pixels, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        }

        try
        {
            await waiter.Value.Granted.Task.WaitAsync(TimeSpan.FromSeconds(options.QueueTimeoutSeconds), cancellationToken);
            return new Lease(this, pixels);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                if (waiter.List is not null)
                {
                    _waiting.Remove(waiter);
                    GrantWaiting();
                }
                else
                {
                    // Granted in the moment the wait ended: give the pixels back.
                    _inUse -= pixels;
                    GrantWaiting();
                }
            }

            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new ServiceBusyException(
                string.Create(CultureInfo.InvariantCulture, $"The service is decoding as many pixels as it may (Upload:MaxConcurrentPixels = {options.MaxConcurrentPixels:N0}); the image's {pixels:N0} pixels waited {options.QueueTimeoutSeconds} s for room. Try again later."),
                RetryAfterSeconds);
        }
    }

    private int RetryAfterSeconds => (int)Math.Ceiling(options.QueueTimeoutSeconds);

    // Skia reads only the header here; the dimensions it reads are the ones FerNet's decoder allocates
    // for. FerNet refuses an image over ImageLimits.MaxPixels, and one Skia cannot read, before
    // decoding, so either costs one pixel and gets FerNet's own answer.
    private static long ClaimedPixels(byte[] encoded)
    {
        using var stream = new SKMemoryStream(encoded);
        using SKCodec? codec = SKCodec.Create(stream);
        long pixels = codec is null ? 1 : (long)codec.Info.Width * codec.Info.Height;
        return pixels is < 1 or > ImageLimits.MaxPixels ? 1 : pixels;
    }

    private void Release(long pixels)
    {
        lock (_gate)
        {
            _inUse -= pixels;
            GrantWaiting();
        }
    }

    // First come, first served: a large image at the head is not overtaken by smaller ones behind it.
    private void GrantWaiting()
    {
        while (_waiting.First is { } first && _inUse + first.Value.Pixels <= options.MaxConcurrentPixels)
        {
            _waiting.RemoveFirst();
            _inUse += first.Value.Pixels;
            first.Value.Granted.TrySetResult();
        }
    }

    private sealed class Lease(PixelBudget budget, long pixels) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                budget.Release(pixels);
            }
        }
    }
}
