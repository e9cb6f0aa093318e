using FerNet.Faces.Video.Frames;

namespace FerNet.Faces.Video;

/// <summary>How <see cref="VideoAnalysis.AnalyzeVideo"/> and <see cref="VideoAnalysis.AnalyzeCamera"/> go through frames.</summary>
public sealed record VideoAnalysisOptions
{
    /// <summary>Analyse every this-many-th frame (frames 0, N, 2N, ...); 1, the default, analyses all. At least 1.</summary>
    public int FrameInterval { get; init; } = 1;

    /// <summary>Stop after reading this many frames (analysed or not); null, the default, reads to the end. At least 1. A camera runs until it is reached or the reading is cancelled.</summary>
    public int? MaxFrames { get; init; }

    /// <summary>
    /// Also write the video with a box and label over every face to this file: <c>.mp4</c> (MPEG-4
    /// Part 2, "mp4v") or <c>.avi</c> (Motion JPEG), at the source's frame rate. Every frame read is
    /// written, each with the faces of the latest analysed frame. The file appears only when the
    /// reading ends normally (the end of the video or <see cref="MaxFrames"/>); null, the default,
    /// writes none.
    /// </summary>
    public string? AnnotatedVideoPath { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    internal void Validate()
    {
        if (FrameInterval < 1)
        {
            throw new ArgumentException($"FrameInterval is {FrameInterval}; it must be at least 1 (1 analyses every frame).", "options");
        }

        if (MaxFrames is int max && max < 1)
        {
            throw new ArgumentException($"MaxFrames is {max}; it must be at least 1, or null to read to the end.", "options");
        }

        if (AnnotatedVideoPath is string path)
        {
            AnnotatedVideoWriter.CodecFor(path);
        }
    }
}
