using FerNet.Faces;
using OpenCvSharp;

namespace FerNet.Faces.Video.Frames;

/// <summary>
/// Writes frames with their faces drawn on them into a video file, whole or not at all: frames go
/// to a hidden temporary file beside the target (same extension, so that FFmpeg picks the same
/// container), which is renamed over the target by <see cref="Complete"/>; disposing without
/// completing deletes it.
/// </summary>
internal sealed class AnnotatedVideoWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly FourCC _codec;
    private readonly double _framesPerSecond;
    private VideoWriter? _writer;
    private bool _completed;

    public AnnotatedVideoWriter(string path, double framesPerSecond)
    {
        _codec = CodecFor(path);
        _path = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(folder);
        _temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(_path)}.{Guid.NewGuid():N}.tmp{Path.GetExtension(_path)}");
        _framesPerSecond = framesPerSecond;
    }

    /// <summary>The codec for the file's extension: mp4v for .mp4, MJPG for .avi; both are in the FFmpeg that OpenCvSharp bundles.</summary>
    /// <exception cref="ArgumentException">The extension is neither.</exception>
    public static FourCC CodecFor(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".mp4" => FourCC.FromString("mp4v"),
        ".avi" => FourCC.MJPG,
        _ => throw new ArgumentException($"Annotated video '{path}' must end in .mp4 or .avi: its extension chooses the format.", nameof(path)),
    };

    /// <summary>Appends <paramref name="frame"/> (8-bit BGR, not changed) with <paramref name="faces"/> drawn on it.</summary>
    /// <exception cref="IOException">The video file cannot be created.</exception>
    public void Write(Mat frame, IReadOnlyList<FaceEmotion> faces)
    {
        _writer ??= Open(frame.Size());
        using Mat canvas = frame.Clone();
        FrameAnnotator.Draw(canvas, faces);
        _writer.Write(canvas);
    }

    /// <summary>Finishes the file and moves it into place; a writer that got no frame writes nothing.</summary>
    public void Complete()
    {
        if (_writer is null)
        {
            return;
        }

        _writer.Release();
        File.Move(_temporary, _path, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        _writer?.Dispose();
        if (!_completed)
        {
            File.Delete(_temporary);
        }
    }

    private VideoWriter Open(Size size)
    {
        var writer = new VideoWriter(_temporary, _codec, _framesPerSecond, size);
        if (!writer.IsOpened())
        {
            writer.Dispose();
            throw new IOException($"Annotated video '{_path}' cannot be written: OpenCV could not open a {_codec} writer for '{_temporary}'.");
        }

        return writer;
    }
}
