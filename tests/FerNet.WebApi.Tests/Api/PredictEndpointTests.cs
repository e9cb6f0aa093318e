using System.Net;
using System.Net.Http.Json;
using FerNet.Core;
using FerNet.Inference;
using FerNet.Testing.Data;
using FerNet.WebApi.Contracts;
using FerNet.WebApi.Tests.Hosting;

namespace FerNet.WebApi.Tests.Api;

/// <summary>POST /predict on FER2013 test faces: the answer of <see cref="EmotionClassifier.Predict(string)"/> for the same file.</summary>
public sealed class PredictEndpointTests(WebApiFactory service) : IClassFixture<WebApiFactory>
{
    [Fact]
    public async Task AFaceCropGetsTheEmotionAndProbabilitiesOfTheEmbeddedModel()
    {
        using HttpClient client = service.CreateClient();
        string[] faces = [.. EmotionLabels.Names.Select(name => Directory.GetFiles(Path.Combine(SharedData.Fer2013Directory, "test", name)).Order(StringComparer.Ordinal).First())];

        foreach (string face in faces)
        {
            EmotionPrediction expected = EmotionClassifier.Predict(face);
            using HttpResponseMessage response = await client.PostAsync("/predict", UploadContent.Form(File.ReadAllBytes(face)));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            PredictResponse actual = (await response.Content.ReadFromJsonAsync<PredictResponse>(WebApiFactory.Json))!;
            Assert.Equal(EmotionLabels.Name(expected.Emotion), actual.DominantEmotion);
            Assert.Equal(EmotionLabels.Names, actual.Emotion.Keys);
            Assert.All(EmotionLabels.All, emotion => Assert.Equal(expected.ProbabilityOf(emotion), actual.Emotion[EmotionLabels.Name(emotion)], 1e-6));
        }
    }

    [Fact]
    public async Task AnotherContentTypeGets415()
    {
        using HttpClient client = service.CreateClient();
        using var text = new StringContent("hello");

        using HttpResponseMessage response = await client.PostAsync("/predict", text);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Microsoft.AspNetCore.Mvc.ProblemDetails problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!;
        Assert.Equal(415, problem.Status);
    }

    [Theory]
    [InlineData("boundary=XYZ", "no boundary in the body")]
    [InlineData("boundary=cut", "cut before the closing boundary")]
    public async Task AMultipartBodyThatEndsTooSoonGets400(string boundary, string why)
    {
        using HttpClient client = service.CreateClient();
        byte[] face = File.ReadAllBytes(Directory.GetFiles(Path.Combine(SharedData.Fer2013Directory, "test", "happy")).Order(StringComparer.Ordinal).First());
        byte[] body = boundary == "boundary=XYZ"
            ? face
            : [.. System.Text.Encoding.ASCII.GetBytes("--cut\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"), .. face];
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; {boundary}");

        using HttpResponseMessage response = await client.PostAsync("/predict", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
