using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using FerNet.Cli.Files;
using FerNet.Common.IO;
using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Cli.Terminal;
using FerNet.Tooling.Terminal;
using FerNet.Cli.Prediction;
using OpenCvSharp;

namespace FerNet.Cli.FaceAnalysis;

/// <summary>
/// The video and camera verbs: read frames through <see cref="FaceEmotionAnalyzer"/>, show
/// progress (a bar for a file, one line per analysed frame for a camera), and when an output folder
/// is named write timeline.csv and timeline.json (one record per analysed frame; see
/// <see cref="FaceRecords"/>) and, if asked, annotated.mp4, all once the reading ends.
/// </summary>
/// <param name="output">Receives the progress and the per-frame lines.</param>
/// <param name="diagnostics">Receives errors and the summary.</param>
internal sealed class VideoFacesRunner(TextWriter output, TextWriter diagnostics)
{
    /// <summary>The timeline files and the annotated video, in the output folder.</summary>
    public const string TimelineCsv = "timeline.csv";

    /// <inheritdoc cref="TimelineCsv"/>
    public const string TimelineJson = "timeline.json";

    /// <inheritdoc cref="TimelineCsv"/>
    public const string AnnotatedVideo = "annotated.mp4";

    private static readonly UTF8Encoding Utf8WithoutMark = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Runs <paramref name="request"/>; a missing or unreadable video, camera, detector or model is reported and gives <see cref="PredictionOutcome.NotStarted"/>.</summary>
    public async Task<PredictionOutcome> RunAsync(VideoFacesRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PredictionSetupException or FaceDetectorModelException or InvalidVideoException or FileNotFoundException)
        {
            diagnostics.WriteLine($"error: {e.Message}");
            return PredictionOutcome.NotStarted;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException && e.ToString().Contains("OpenCvSharp", StringComparison.Ordinal))
        {
            diagnostics.WriteLine($"error: video and camera need OpenCV's native library (OpenCvSharpExtern), which is not installed for {RuntimeInformation.RuntimeIdentifier}; FerNet's tool carries it for linux-x64 only. Photos need no OpenCV: fernet faces.");
            return PredictionOutcome.NotStarted;
        }
        catch (OperationCanceledException)
        {
            diagnostics.WriteLine("Cancelled; no timeline or video was written.");
            return PredictionOutcome.Cancelled;
        }
    }

    private static void WriteTimeline(string folder, string source, int frameInterval, IReadOnlyList<FrameFaces> frames)
    {
        AtomicFile.Write(Path.Combine(folder, TimelineCsv), stream =>
        {
            using var writer = new StreamWriter(stream, Utf8WithoutMark, bufferSize: 1 << 16, leaveOpen: true);
            writer.Write(string.Join(",", ["frame", "time_s", .. FaceRecords.CsvColumns]) + "\n");
            foreach (FrameFaces frame in frames)
            {
                FaceRecords.WriteCsvRows(writer, string.Create(CultureInfo.InvariantCulture, $"{frame.FrameIndex},{frame.Timestamp.TotalSeconds:0.###}"), frame.Faces);
            }
        });
        AtomicFile.Write(Path.Combine(folder, TimelineJson), stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("source", source);
            json.WriteNumber("frame_interval", frameInterval);
            json.WriteStartArray("frames");
            foreach (FrameFaces frame in frames)
            {
                json.WriteStartObject();
                json.WriteNumber("frame", frame.FrameIndex);
                json.WriteNumber("time_s", Math.Round(frame.Timestamp.TotalSeconds, 3));
                FaceRecords.WriteJsonFaces(json, frame.Faces);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static int FrameCount(string videoPath)
    {
        using var capture = new VideoCapture(videoPath);
        return capture.FrameCount;
    }

    private async Task<PredictionOutcome> ExecuteAsync(VideoFacesRequest request, CancellationToken cancellationToken)
    {
        if (request.FrameInterval < 1)
        {
            throw new PredictionSetupException($"--every is {request.FrameInterval}; it must be at least 1 (1 analyses every frame).");
        }

        if (request.MaxFrames is int max && max < 1)
        {
            throw new PredictionSetupException($"--frames is {max}; it must be at least 1.");
        }

        if (request.MaxDetectionSide < 0)
        {
            throw new PredictionSetupException($"--detection-side is 0 (full size) or a positive number of pixels; got {request.MaxDetectionSide}.");
        }

        if (request.VideoPath is null && request.CameraIndex < 0)
        {
            throw new PredictionSetupException($"--index is {request.CameraIndex}; cameras are numbered from 0.");
        }

        if (request.OutputDirectory is string outputFolder && OutputLocation.FolderRefusal(outputFolder, "--out") is string refusal)
        {
            throw new PredictionSetupException(refusal);
        }

        if (request.AnnotatedVideo && request.OutputDirectory is null)
        {
            throw new PredictionSetupException("--annotated-video writes into the --out folder; name one.");
        }

        // A pipe or a device never ends: OpenCV would wait on it for ever.
        if (request.VideoPath is string videoPath && RegularFile.ReadRefusal(videoPath, $"Video file '{videoPath}'") is string notRegular)
        {
            throw new PredictionSetupException(notRegular);
        }

        // OpenCV logs its own warnings and errors to the terminal (a missing camera gives several);
        // the CLI reports every failure itself, in one line.
        Cv2.SetLogLevel(LogLevel.SILENT);
        using PredictionModel model = PredictionModel.Open(request.ModelPath);
        using var analyzer = new FaceEmotionAnalyzer(YuNetDetectors.Open(request.DetectorPath, request.MaxDetectionSide), model.Model);
        var options = new VideoAnalysisOptions
        {
            FrameInterval = request.FrameInterval,
            MaxFrames = request.MaxFrames,
            AnnotatedVideoPath = request.AnnotatedVideo ? Path.Combine(request.OutputDirectory!, AnnotatedVideo) : null,
        };
        string source = request.VideoPath ?? $"camera {request.CameraIndex}";
        IAsyncEnumerable<FrameFaces> reading = request.VideoPath is string path
            ? analyzer.AnalyzeVideo(path, options, cancellationToken)
            : analyzer.AnalyzeCamera(request.CameraIndex, options, cancellationToken);

        ConsoleProgressBar? progress = request.VideoPath is string file
            ? new ConsoleProgressBar(output, "Frames", Math.Min(FrameCount(file), request.MaxFrames ?? int.MaxValue), "frame")
            : null;
        var frames = new List<FrameFaces>();
        try
        {
            await foreach (FrameFaces frame in reading.ConfigureAwait(false))
            {
                frames.Add(frame);
                if (progress is null)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frame {frame.FrameIndex} at {frame.Timestamp.TotalSeconds:0.00} s: {FaceRecords.Summary(frame.Faces)}"));
                }
                else
                {
                    progress.Report(frame.FrameIndex + 1, Counted.Of(frame.Faces.Count, "face"));
                }
            }
        }
        finally
        {
            progress?.Finish();
        }

        diagnostics.WriteLine($"Analysed {Counted.Of(frames.Count, "frame")} of {source}; {Counted.Of(frames.Sum(frame => frame.Faces.Count), "face")} in all.");
        if (request.OutputDirectory is string folder)
        {
            WriteTimeline(folder, source, request.FrameInterval, frames);
            diagnostics.WriteLine($"Wrote {TimelineCsv}, {TimelineJson}{(request.AnnotatedVideo ? $" and {AnnotatedVideo}" : string.Empty)} in {Path.GetFullPath(folder)}.");
        }

        return PredictionOutcome.AllScored;
    }
}
