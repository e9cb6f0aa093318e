using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Testing.Faces;
using FerNet.Testing.Files;
using OpenCvSharp;

namespace FerNet.Faces.Video.Tests;

/// <summary>Video files read frame by frame: frame counts, faces per frame, every N-th frame, annotated copies, bad files.</summary>
public sealed class VideoTests(VideoFixture video) : IClassFixture<VideoFixture>
{
    [Fact]
    public async Task EveryFrameIsAnalysedWithItsFacesAndTime()
    {
        List<FrameFaces> frames = await Collect(video.Analyzer.AnalyzeVideo(video.VideoPath));

        Assert.Equal(Enumerable.Range(0, VideoFixture.FaceCounts.Count), frames.Select(frame => frame.FrameIndex));
        Assert.Equal(VideoFixture.FaceCounts, frames.Select(frame => frame.Faces.Count));
        Assert.Equal(frames.Select(frame => TimeSpan.FromSeconds(frame.FrameIndex / VideoFixture.FramesPerSecond)), frames.Select(frame => frame.Timestamp));
    }

    [Fact]
    public async Task OnlyEveryNthFrameIsAnalysed()
    {
        List<FrameFaces> frames = await Collect(video.Analyzer.AnalyzeVideo(video.VideoPath, new VideoAnalysisOptions { FrameInterval = 2 }));

        Assert.Equal([0, 2, 4, 6, 8], frames.Select(frame => frame.FrameIndex));
        Assert.Equal([0, 3, 0, 3, 0], frames.Select(frame => frame.Faces.Count));
    }

    [Fact]
    public async Task ReadingStopsAfterMaxFrames()
    {
        List<FrameFaces> frames = await Collect(video.Analyzer.AnalyzeVideo(video.VideoPath, new VideoAnalysisOptions { MaxFrames = 4, FrameInterval = 3 }));

        Assert.Equal([0, 3], frames.Select(frame => frame.FrameIndex));
    }

    [Fact]
    public async Task TheAnnotatedVideoHasEveryFrameAndAppearsOnlyWhenDone()
    {
        using var folder = new TemporaryDirectory();
        string annotated = folder.Combine("annotated.avi");

        await Collect(video.Analyzer.AnalyzeVideo(video.VideoPath, new VideoAnalysisOptions { FrameInterval = 3, AnnotatedVideoPath = annotated }));

        using var capture = new VideoCapture(annotated);
        using var frame = new Mat();
        int count = 0;
        while (capture.Read(frame) && !frame.Empty())
        {
            Assert.Equal(new Size(640, 360), frame.Size());
            count++;
        }

        Assert.Equal(VideoFixture.FaceCounts.Count, count);
        Assert.Equal(["annotated.avi"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task CancellingStopsTheReadingAndWritesNoVideo()
    {
        using var folder = new TemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        var seen = new List<int>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (FrameFaces frame in video.Analyzer.AnalyzeVideo(video.VideoPath, new VideoAnalysisOptions { AnnotatedVideoPath = folder.Combine("annotated.mp4") }, cancellation.Token))
            {
                seen.Add(frame.FrameIndex);
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal([0], seen);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void ACorruptVideoIsRefusedByName()
    {
        string corrupt = video.Combine("corrupt.mp4");
        var random = new Random(7);
        var bytes = new byte[20_000];
        random.NextBytes(bytes);
        File.WriteAllBytes(corrupt, bytes);
        string empty = video.Combine("empty.avi");
        File.WriteAllBytes(empty, []);

        InvalidVideoException error = Assert.Throws<InvalidVideoException>(() => video.Analyzer.AnalyzeVideo(corrupt));
        InvalidVideoException emptyError = Assert.Throws<InvalidVideoException>(() => video.Analyzer.AnalyzeVideo(empty));

        Assert.Contains(corrupt, error.Message, StringComparison.Ordinal);
        Assert.Contains(empty, emptyError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingVideoIsRefusedByName()
    {
        string missing = video.Combine("missing.mp4");

        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => video.Analyzer.AnalyzeVideo(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsOutOfRangeAreRefused()
    {
        Assert.Throws<ArgumentException>(() => video.Analyzer.AnalyzeVideo(video.VideoPath, new VideoAnalysisOptions { FrameInterval = 0 }));
        Assert.Throws<ArgumentException>(() => video.Analyzer.AnalyzeVideo(video.VideoPath, new VideoAnalysisOptions { MaxFrames = 0 }));
        ArgumentException codec = Assert.Throws<ArgumentException>(() => video.Analyzer.AnalyzeVideo(video.VideoPath, new VideoAnalysisOptions { AnnotatedVideoPath = "out.mov" }));
        Assert.Contains("out.mov", codec.Message, StringComparison.Ordinal);
    }

    private static async Task<List<FrameFaces>> Collect(IAsyncEnumerable<FrameFaces> frames)
    {
        var list = new List<FrameFaces>();
        await foreach (FrameFaces frame in frames)
        {
            list.Add(frame);
        }

        return list;
    }
}
