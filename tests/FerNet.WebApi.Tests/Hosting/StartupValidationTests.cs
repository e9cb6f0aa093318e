using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace FerNet.WebApi.Tests.Hosting;

/// <summary>The web sample validates FerNet's options when it starts, before any request, and names the setting at fault.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void TheServiceDoesNotStartWithADetectorPathThatDoesNotExist()
    {
        using WebApiFactory service = new();
        using var misconfigured = service.WithWebHostBuilder(host => host.UseSetting("FerNet:DetectorModelPath", "no-such-detector.onnx"));

        // The host validates at start-up, before any request.
        var error = Assert.Throws<OptionsValidationException>(() => misconfigured.Server);

        Assert.Contains("FerNet:DetectorModelPath", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("FerNet.WebApi", "no-such-detector.onnx"), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FerNet:ModelPath")]
    [InlineData("FerNet:DetectorModelPath")]
    public void TheServiceDoesNotStartWithAFileThatIsNoModelNamingIt(string setting)
    {
        string noise = Path.Combine(Path.GetTempPath(), $"fernet-noise-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(noise, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 131 % 251))]);
        try
        {
            using WebApiFactory service = new();
            using var misconfigured = service.WithWebHostBuilder(host => host.UseSetting(setting, noise));

            // The files are loaded and probed at start-up, before any request.
            var error = Assert.Throws<OptionsValidationException>(() => misconfigured.Server);

            Assert.Contains($"{setting} '{noise}' cannot be used", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(noise);
        }
    }
}
