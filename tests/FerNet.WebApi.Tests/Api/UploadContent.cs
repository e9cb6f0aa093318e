using System.Net.Http.Headers;

namespace FerNet.WebApi.Tests.Api;

/// <summary>The two ways a client sends a photo: a multipart form with the file "image", or the raw body.</summary>
internal static class UploadContent
{
    public static MultipartFormDataContent Form(byte[] image, string fileName = "photo.png")
    {
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "image", fileName } };
    }

    public static ByteArrayContent Raw(byte[] image, string contentType = "application/octet-stream")
    {
        var body = new ByteArrayContent(image);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return body;
    }
}
