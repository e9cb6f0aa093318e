using System.Net;
using FerNet.Core;
using FerNet.Testing.Data;
using FerNet.Testing.Faces;
using FerNet.WebApi.Tests.Hosting;

namespace FerNet.WebApi.Tests.Api;

/// <summary>Many requests at once share the service's one model and detector and get the answers they get one by one.</summary>
public sealed class ConcurrencyTests(CollageFixture collage, WebApiFactory service) : IClassFixture<CollageFixture>, IClassFixture<WebApiFactory>
{
    private const int Requests = 50;

    [Fact]
    public async Task FiftyConcurrentRequestsGetTheSameAnswersAsSequentialOnes()
    {
        // Both endpoints, photos of different sizes (the detector is rebuilt per size) and faces of every class.
        var inputs = new List<(string Endpoint, byte[] Image)> { ("/analyze", File.ReadAllBytes(collage.CollagePath)) };
        foreach (string name in EmotionLabels.Names)
        {
            string face = Directory.GetFiles(Path.Combine(SharedData.Fer2013Directory, "test", name)).Order(StringComparer.Ordinal).Skip(2).First();
            inputs.Add(("/predict", File.ReadAllBytes(face)));
            inputs.Add(("/analyze", File.ReadAllBytes(face)));
        }

        using HttpClient client = service.CreateClient();
        var sequential = new List<string>();
        foreach ((string endpoint, byte[] image) in inputs)
        {
            sequential.Add(await PostAsync(client, endpoint, image));
        }

        string[] concurrent = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => Task.Run(() => PostAsync(client, inputs[i % inputs.Count].Endpoint, inputs[i % inputs.Count].Image))));

        // Every face crop gets an answer of its own, so a mix-up between requests would show.
        Assert.Equal(EmotionLabels.Count, sequential.Where((_, i) => inputs[i].Endpoint == "/predict").Distinct().Count());
        for (int i = 0; i < Requests; i++)
        {
            Assert.Equal(sequential[i % inputs.Count], concurrent[i]);
        }
    }

    private static async Task<string> PostAsync(HttpClient client, string endpoint, byte[] image)
    {
        using HttpResponseMessage response = await client.PostAsync(endpoint, UploadContent.Raw(image));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{endpoint} answered {(int)response.StatusCode}: {body}");
        return body;
    }
}
