using System.Globalization;

namespace FerNet.WebApi.Uploads;

/// <summary>
/// Reads the encoded image of a request: the file of a multipart form (the part named "image", else
/// the first file), or the raw body for any other content type. Bodies over the limit fail with 413
/// before they are read whole.
/// </summary>
internal static class ImageUpload
{
    /// <summary>The form field the page and the OpenAPI document name.</summary>
    public const string FormField = "image";

    /// <summary>The bytes of the uploaded image, at most <paramref name="maxBytes"/>.</summary>
    /// <exception cref="BadHttpRequestException">413 when the body is larger than <paramref name="maxBytes"/>; 400 when a form holds no file or the body ends before it is complete.</exception>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadBodyAsync(request, maxBytes, cancellationToken);
        }
        catch (IOException e) when (e is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // The form reader's "Unexpected end of Stream": a multipart body whose boundary never
            // comes, or that ends before its closing boundary, is the client's fault, not the server's.
            throw new BadHttpRequestException($"The request body ends before it is complete ({e.Message}); a multipart body needs its closing boundary.", StatusCodes.Status400BadRequest, e);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(request.ContentLength.Value, maxBytes);
        }

        if (request.HasFormContentType)
        {
            IFormCollection form = await request.ReadFormAsync(cancellationToken);
            IFormFile file = form.Files.GetFile(FormField) ?? form.Files.FirstOrDefault()
                ?? throw new BadHttpRequestException($"The form holds no file: send the photo as the file part '{FormField}', or as the raw request body.", StatusCodes.Status400BadRequest);
            await using Stream stream = file.OpenReadStream();
            return await ReadBoundedAsync(stream, maxBytes, cancellationToken);
        }

        return await ReadBoundedAsync(request.Body, maxBytes, cancellationToken);
    }

    // A chunked body declares no length, so the count is kept while reading.
    private static async Task<byte[]> ReadBoundedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(buffer.Length + read, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static BadHttpRequestException TooLarge(long bytes, long maxBytes) => new(
        string.Create(CultureInfo.InvariantCulture, $"The upload has at least {bytes} bytes; this service takes at most {maxBytes} bytes (Upload:MaxRequestBytes)."),
        StatusCodes.Status413PayloadTooLarge);
}
