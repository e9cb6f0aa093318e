using System.Globalization;

namespace FerNet.WebApi.Uploads;

/// <summary>How large an uploaded photo may be; bound from the "Upload" section of the configuration.</summary>
public sealed class UploadOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Upload";

    /// <summary>The default <see cref="MaxRequestBytes"/>: 16 MiB, more than a phone's full-size JPEG.</summary>
    public const long DefaultMaxRequestBytes = 16 * 1024 * 1024;

    /// <summary>The most bytes a request body may have, multipart framing included; larger requests get 413.</summary>
    public long MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>Throws when the limit is not a positive number of bytes.</summary>
    /// <exception cref="InvalidOperationException"><see cref="MaxRequestBytes"/> is below 1.</exception>
    public void Validate()
    {
        if (MaxRequestBytes < 1)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{Section}:MaxRequestBytes is {MaxRequestBytes}; it must be a positive number of bytes."));
        }
    }
}
