using FerNet.Core;
using FerNet.Faces;
using FerNet.Testing.Faces;
using FerNet.WebApi.Tests.Hosting;
using Microsoft.Playwright;

namespace FerNet.WebApi.Tests.Browser;

/// <summary>
/// The page in Debian's headless Chromium (<c>apt-get install chromium</c>), driven by Playwright
/// against the service on Kestrel at 127.0.0.1. Playwright never downloads a browser here: it is
/// given the system one, with a fresh profile and its background network traffic switched off.
/// </summary>
public sealed class PageTests(CollageFixture collage) : IClassFixture<CollageFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    [Fact]
    public async Task UploadingAPhotoShowsEachFacesBoxAndBars()
    {
        await WithPageAsync([], async page =>
        {
            await page.SetInputFilesAsync("#photo", collage.CollagePath);
            await page.WaitForSelectorAsync("body[data-analysed='true']", new PageWaitForSelectorOptions { Timeout = 60_000 });

            string directory = Path.Combine(AppContext.BaseDirectory, "browser-output");
            Directory.CreateDirectory(directory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, "webapi-page.png"), FullPage = true });

            Assert.Equal($"{collage.Found.Count} faces found in {CollageFixture.Width} × {CollageFixture.Height} pixels.", await page.TextContentAsync("#status"));
            await AssertBoxesLieOnTheFacesAsync(page);
            await AssertEachCardHasSevenBarsTopmostTheDominantEmotionAsync(page);
        });
    }

    [Fact]
    public async Task APhotoFromTheCameraIsAnalysed()
    {
        // Chromium's fake camera (a moving test pattern, no face) stands in for a webcam, and its
        // permission prompt is answered yes.
        await WithPageAsync(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"], async page =>
        {
            await page.ClickAsync("#camera");
            await page.WaitForFunctionAsync("document.getElementById('preview').videoWidth > 0");
            await page.ClickAsync("#snap");
            await page.WaitForSelectorAsync("body[data-analysed='true']", new PageWaitForSelectorOptions { Timeout = 60_000 });

            Assert.Equal("No face found in this photo.", await page.TextContentAsync("#status"));
            Assert.Empty(await page.Locator("#boxes .box").AllAsync());
        });
    }

    private static async Task WithPageAsync(string[] extraArguments, Func<IPage, Task> test)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (apt-get install chromium), as .ci/run does.");
        await using var service = new KestrelWebApi();
        Uri address = service.Address;
        DirectoryInfo profile = Directory.CreateTempSubdirectory("fernet-chromium-");
        try
        {
            using IPlaywright playwright = await Playwright.CreateAsync();
            await using IBrowserContext browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = [.. ChromiumArguments, .. extraArguments],
                ViewportSize = new ViewportSize { Width = 1360, Height = 1100 },
            });
            IPage page = await browser.NewPageAsync();
            await page.GotoAsync(address.ToString());
            await test(page);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private async Task AssertBoxesLieOnTheFacesAsync(IPage page)
    {
        LocatorBoundingBoxResult picture = (await page.Locator("#picture").BoundingBoxAsync())!;
        double scale = picture.Width / CollageFixture.Width;
        IReadOnlyList<ILocator> boxes = await page.Locator("#boxes .box").AllAsync();
        Assert.Equal(collage.Found.Count, boxes.Count);
        foreach ((FaceEmotion face, ILocator box) in collage.Found.Zip(boxes))
        {
            LocatorBoundingBoxResult drawn = (await box.BoundingBoxAsync())!;
            Assert.Equal(picture.X + (face.Box.X * scale), drawn.X, 1.5);
            Assert.Equal(picture.Y + (face.Box.Y * scale), drawn.Y, 1.5);
            Assert.Equal(face.Box.Width * scale, drawn.Width, 1.5);
            Assert.Equal(face.Box.Height * scale, drawn.Height, 1.5);
            Assert.StartsWith(EmotionLabels.Name(face.Prediction.Emotion), (await box.Locator(".tag").TextContentAsync())!.Split(" · ")[1], StringComparison.Ordinal);
        }
    }

    private async Task AssertEachCardHasSevenBarsTopmostTheDominantEmotionAsync(IPage page)
    {
        IReadOnlyList<ILocator> cards = await page.Locator("#faces .face-card").AllAsync();
        Assert.Equal(collage.Found.Count, cards.Count);
        foreach ((FaceEmotion face, ILocator card) in collage.Found.Zip(cards))
        {
            IReadOnlyList<ILocator> bars = await card.Locator(".bar").AllAsync();
            Assert.Equal(EmotionLabels.Names, await Task.WhenAll(bars.Select(async bar => (await bar.GetAttributeAsync("data-emotion"))!)));
            double trackWidth = (await bars[0].Locator(".track").BoundingBoxAsync())!.Width;
            foreach ((Emotion emotion, ILocator bar) in EmotionLabels.All.Zip(bars))
            {
                double fill = (await bar.Locator(".fill").BoundingBoxAsync())?.Width ?? 0;
                Assert.Equal(face.Prediction.ProbabilityOf(emotion) * trackWidth, fill, 1.0);
            }

            Assert.Equal(EmotionLabels.Name(face.Prediction.Emotion), await card.Locator(".bar.top").GetAttributeAsync("data-emotion"));
        }
    }
}
