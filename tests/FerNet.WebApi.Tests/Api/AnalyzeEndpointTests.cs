using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FerNet.Core;
using FerNet.Faces;
using FerNet.Inference;
using FerNet.Testing.Faces;
using FerNet.Testing.Images;
using FerNet.WebApi.Contracts;
using FerNet.WebApi.Tests.Hosting;
using FerNet.WebApi.Uploads;
using Microsoft.AspNetCore.Mvc;

namespace FerNet.WebApi.Tests.Api;

/// <summary>POST /analyze on FerNet.Tests' collage of twelve FER2013 faces, and on bad uploads.</summary>
public sealed class AnalyzeEndpointTests(CollageFixture collage, WebApiFactory service) : IClassFixture<CollageFixture>, IClassFixture<WebApiFactory>
{
    private const double Tolerance = 1e-6;

    [Fact]
    public async Task AMultipartPhotoGivesEachFacesRegionEmotionAndProbabilitiesAsTheAnalyzerDoes()
    {
        using HttpClient client = service.CreateClient();
        using HttpResponseMessage response = await client.PostAsync("/analyze", UploadContent.Form(File.ReadAllBytes(collage.CollagePath)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AnalyzeResponse analysis = (await response.Content.ReadFromJsonAsync<AnalyzeResponse>(WebApiFactory.Json))!;
        Assert.Equal((CollageFixture.Width, CollageFixture.Height), (analysis.Width, analysis.Height));
        Assert.True(collage.Found.Count >= 11, $"The analyzer found {collage.Found.Count} of the collage's 12 faces.");
        Assert.Equal(collage.Found.Count, analysis.Faces.Count);
        foreach ((FaceEmotion expected, FaceResult actual) in collage.Found.Zip(analysis.Faces))
        {
            Assert.Equal(FaceRegion.From(expected.Box), actual.Region);
            Assert.Equal(expected.Confidence, actual.FaceConfidence, Tolerance);
            Assert.Equal(EmotionLabels.Name(expected.Prediction.Emotion), actual.DominantEmotion);
            Assert.Equal(EmotionLabels.Names, actual.Emotion.Keys);
            foreach (Emotion emotion in EmotionLabels.All)
            {
                Assert.Equal(expected.Prediction.ProbabilityOf(emotion), actual.Emotion[EmotionLabels.Name(emotion)], Tolerance);
            }
        }
    }

    [Fact]
    public async Task TheJsonHasDeepfacesNames()
    {
        using HttpClient client = service.CreateClient();
        using HttpResponseMessage response = await client.PostAsync("/analyze", UploadContent.Raw(File.ReadAllBytes(collage.CollagePath), "image/png"));

        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement face = json.RootElement.GetProperty("faces")[0];
        Assert.Equal(["x", "y", "w", "h"], face.GetProperty("region").EnumerateObject().Select(property => property.Name));
        Assert.Equal(EmotionLabels.Name(collage.Found[0].Prediction.Emotion), face.GetProperty("dominant_emotion").GetString());
        Assert.Equal(EmotionLabels.Names, face.GetProperty("emotion").EnumerateObject().Select(property => property.Name));
        Assert.Equal(collage.Found[0].Confidence, face.GetProperty("face_confidence").GetSingle(), Tolerance);
    }

    [Fact]
    public async Task TheRawBodyGivesTheSameAnswerAsTheForm()
    {
        byte[] png = File.ReadAllBytes(collage.CollagePath);
        using HttpClient client = service.CreateClient();

        string form = await (await client.PostAsync("/analyze", UploadContent.Form(png))).Content.ReadAsStringAsync();
        string raw = await (await client.PostAsync("/analyze", UploadContent.Raw(png))).Content.ReadAsStringAsync();

        Assert.Equal(form, raw);
        Assert.Contains("\"faces\":[{", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/analyze")]
    [InlineData("/predict")]
    public async Task ANonImageGets400WithFerNetsMessage(string endpoint)
    {
        byte[] text = "this is a text file, not a photo"u8.ToArray();
        var expected = Assert.Throws<InvalidImageException>(() => ImageLoader.Load(text));

        ProblemDetails problem = await PostExpectingAsync(endpoint, UploadContent.Raw(text), HttpStatusCode.BadRequest);

        Assert.Equal(expected.Message, problem.Detail);
        Assert.Equal(nameof(InvalidImageException), problem.Extensions["error"]?.ToString());
    }

    [Fact]
    public async Task AnImageInAnotherFormatGets400NamingTheFormat()
    {
        byte[] tiff = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];

        ProblemDetails problem = await PostExpectingAsync("/analyze", UploadContent.Raw(tiff, "image/tiff"), HttpStatusCode.BadRequest);

        Assert.Contains("TIFF", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(nameof(UnsupportedImageFormatException), problem.Extensions["error"]?.ToString());
    }

    [Fact]
    public async Task AnImageClaimingTooManyPixelsGets400BeforeItIsDecoded()
    {
        byte[] bomb = CraftedImages.BmpHeader(60_000, -60_000);

        ProblemDetails problem = await PostExpectingAsync("/analyze", UploadContent.Form(bomb, "bomb.bmp"), HttpStatusCode.BadRequest);

        Assert.Equal(Assert.Throws<ImageTooLargeException>(() => ImageLoader.Load(bomb)).Message, problem.Detail);
        Assert.Equal(nameof(ImageTooLargeException), problem.Extensions["error"]?.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABodyOverTheLimitGets413AndTheServiceGoesOn(bool asForm)
    {
        byte[] oversize = new byte[UploadOptions.DefaultMaxRequestBytes + 1];
        HttpContent content = asForm ? UploadContent.Form(oversize) : UploadContent.Raw(oversize);

        ProblemDetails problem = await PostExpectingAsync("/analyze", content, HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains(UploadOptions.DefaultMaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Detail, StringComparison.Ordinal);
        using HttpClient client = service.CreateClient();
        using HttpResponseMessage next = await client.PostAsync("/analyze", UploadContent.Raw(File.ReadAllBytes(collage.CollagePath)));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task AFormWithoutAFileGets400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("no photo here"), "note" } };

        ProblemDetails problem = await PostExpectingAsync("/analyze", form, HttpStatusCode.BadRequest);

        Assert.Contains("no file", problem.Detail, StringComparison.Ordinal);
    }

    private async Task<ProblemDetails> PostExpectingAsync(string endpoint, HttpContent content, HttpStatusCode status)
    {
        using HttpClient client = service.CreateClient();
        using HttpResponseMessage response = await client.PostAsync(endpoint, content);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<ProblemDetails>(body)!;
    }
}
