using System.Net;
using System.Text.Json;
using FerNet.WebApi.Tests.Hosting;

namespace FerNet.WebApi.Tests.Api;

/// <summary>The OpenAPI document and the page the service serves.</summary>
public sealed class DocumentTests(WebApiFactory service) : IClassFixture<WebApiFactory>
{
    [Fact]
    public async Task TheOpenApiDocumentDescribesBothEndpointsAndTheirErrors()
    {
        using HttpClient client = service.CreateClient();

        using JsonDocument document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        JsonElement paths = document.RootElement.GetProperty("paths");
        foreach (string path in new[] { "/analyze", "/predict" })
        {
            JsonElement post = paths.GetProperty(path).GetProperty("post");
            Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
            Assert.Equal(["200", "400", "413", "415", "503"], post.GetProperty("responses").EnumerateObject().Select(response => response.Name).Order(StringComparer.Ordinal));
        }

        JsonElement schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("FaceResult").GetProperty("properties").TryGetProperty("dominant_emotion", out _));
    }

    [Fact]
    public async Task TheRootServesThePageAndItsScript()
    {
        using HttpClient client = service.CreateClient();

        using HttpResponseMessage page = await client.GetAsync("/");
        using HttpResponseMessage script = await client.GetAsync("/app.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script src=\"app.js\"></script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("fetch(\"/analyze\"", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
