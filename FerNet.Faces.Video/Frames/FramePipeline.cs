using System.Diagnostics;
using System.Runtime.CompilerServices;
using FerNet.Faces;
using OpenCvSharp;

namespace FerNet.Faces.Video.Frames;

/// <summary>
/// The frame loop shared by video files and cameras: read a frame, analyse every N-th, write the
/// annotated copy if asked, yield the analysed ones. Reading and analysis run on the thread pool,
/// one frame at a time, so the caller's thread is free between frames.
/// </summary>
internal sealed class FramePipeline(FaceEmotionAnalyzer analyzer, VideoSource source, VideoAnalysisOptions options)
{
    // Cameras often report no frame rate; an annotated copy of one is written at this rate.
    private const double FallbackFramesPerSecond = 25;

    public async IAsyncEnumerable<FrameFaces> Run([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using VideoCapture capture = await Task.Run(source.Open, cancellationToken).ConfigureAwait(false);
        double framesPerSecond = capture.Fps;
        bool videoTime = !source.IsCamera && framesPerSecond > 0;
        using AnnotatedVideoWriter? annotated = options.AnnotatedVideoPath is string path
            ? new AnnotatedVideoWriter(path, framesPerSecond > 0 ? framesPerSecond : FallbackFramesPerSecond)
            : null;
        var clock = Stopwatch.StartNew();
        using var frame = new Mat();
        IReadOnlyList<FaceEmotion> latest = [];
        for (int index = 0; options.MaxFrames is not int max || index < max; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool analyse = index % options.FrameInterval == 0;
            int frameIndex = index;
            IReadOnlyList<FaceEmotion>? faces = await Task.Run(
                () =>
                {
                    if (!analyse && annotated is null)
                    {
                        return capture.Grab() ? latest : null;
                    }

                    if (!capture.Read(frame) || frame.Empty())
                    {
                        return null;
                    }

                    IReadOnlyList<FaceEmotion> found = analyse ? analyzer.Analyze(frame) : latest;
                    annotated?.Write(frame, found);
                    return found;
                },
                cancellationToken).ConfigureAwait(false);
            if (faces is null)
            {
                if (frameIndex == 0)
                {
                    throw new InvalidVideoException($"{source.Name} gave no frame.");
                }

                break;
            }

            if (analyse)
            {
                latest = faces;
                TimeSpan timestamp = videoTime ? TimeSpan.FromSeconds(frameIndex / framesPerSecond) : clock.Elapsed;
                yield return new FrameFaces(frameIndex, timestamp, faces);
            }
        }

        annotated?.Complete();
    }
}
