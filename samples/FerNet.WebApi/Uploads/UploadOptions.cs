using System.Globalization;
using FerNet.Inference;

namespace FerNet.WebApi.Uploads;

/// <summary>How large an uploaded photo may be, and how many pixels may be decoded at once; bound from the "Upload" section of the configuration.</summary>
public sealed class UploadOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Upload";

    /// <summary>The default <see cref="MaxRequestBytes"/>: 16 MiB, more than a phone's full-size JPEG.</summary>
    public const long DefaultMaxRequestBytes = 16 * 1024 * 1024;

    /// <summary>The most bytes a request body may have, multipart framing included; larger requests get 413.</summary>
    public long MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>
    /// The most pixels (width x height, as the image's header claims them) one request may decode;
    /// larger images get 413. Default <see cref="ImageLimits.MaxPixels"/>, FerNet's own limit.
    /// </summary>
    public long MaxPixelsPerRequest { get; set; } = ImageLimits.MaxPixels;

    /// <summary>
    /// The most pixels all requests together may decode at once: a request whose image does not fit
    /// beside those being decoded waits, first come first served. Decoding and analysing costs
    /// memory in proportion to the pixels, so this bounds the service's memory whatever the number
    /// of clients. Default <see cref="ImageLimits.MaxPixels"/>: one image of FerNet's largest size,
    /// or many small ones, at a time. At least <see cref="MaxPixelsPerRequest"/>.
    /// </summary>
    public long MaxConcurrentPixels { get; set; } = ImageLimits.MaxPixels;

    /// <summary>How long a request waits for room in <see cref="MaxConcurrentPixels"/> before it gets 503 with Retry-After; default 10 seconds.</summary>
    public double QueueTimeoutSeconds { get; set; } = 10;

    /// <summary>Throws when a limit is not positive, or one request's pixels could never fit in the shared budget.</summary>
    /// <exception cref="InvalidOperationException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxRequestBytes < 1)
        {
            throw Invalid($"{Section}:MaxRequestBytes is {MaxRequestBytes}; it must be a positive number of bytes.");
        }

        if (MaxPixelsPerRequest < 1)
        {
            throw Invalid($"{Section}:MaxPixelsPerRequest is {MaxPixelsPerRequest}; it must be a positive number of pixels.");
        }

        if (MaxConcurrentPixels < MaxPixelsPerRequest)
        {
            throw Invalid($"{Section}:MaxConcurrentPixels is {MaxConcurrentPixels}; it must be at least {Section}:MaxPixelsPerRequest ({MaxPixelsPerRequest}), or the largest allowed image could never be decoded.");
        }

        if (!(QueueTimeoutSeconds > 0))
        {
            throw Invalid($"{Section}:QueueTimeoutSeconds is {QueueTimeoutSeconds}; it must be a positive number of seconds.");
        }
    }

    private static InvalidOperationException Invalid(FormattableString message) => new(message.ToString(CultureInfo.InvariantCulture));
}
