using OpenCvSharp;

namespace FerNet.Faces.Video.Frames;

/// <summary>Where frames come from: a video file (checked when named) or a camera (checked when opened).</summary>
internal sealed class VideoSource
{
    private readonly string? _path;
    private readonly int _cameraIndex;

    private VideoSource(string? path, int cameraIndex)
    {
        _path = path;
        _cameraIndex = cameraIndex;
    }

    /// <summary>Whether the frames come from a camera, whose timestamps are wall-clock times.</summary>
    public bool IsCamera => _path is null;

    /// <summary>How messages name the source.</summary>
    public string Name => _path is null ? $"Camera {_cameraIndex}" : $"Video file '{_path}'";

    /// <summary>A video file, checked now: it exists, opens and has a first frame.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidVideoException">It cannot be opened or has no readable frame.</exception>
    public static VideoSource File(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"Video file '{path}' does not exist.", path);
        }

        var source = new VideoSource(path, cameraIndex: -1);
        using VideoCapture probe = source.Open();
        return source;
    }

    /// <summary>A camera, opened only when <see cref="Open"/> is called.</summary>
    public static VideoSource Camera(int index) => new(path: null, index);

    /// <summary>Opens the source and makes sure a first frame can be read; the returned capture starts at frame 0.</summary>
    /// <exception cref="InvalidVideoException">It cannot be opened or gives no frame.</exception>
    public VideoCapture Open()
    {
        VideoCapture capture = _path is null ? new VideoCapture(_cameraIndex) : new VideoCapture(_path);
        try
        {
            if (!capture.IsOpened())
            {
                throw new InvalidVideoException(_path is null
                    ? $"{Name} cannot be opened: there is no such camera, or it is in use."
                    : $"{Name} cannot be opened: it is no video that OpenCV's FFmpeg reads, or it is corrupt.");
            }

            if (_path is not null)
            {
                using var first = new Mat();
                if (!capture.Read(first) || first.Empty())
                {
                    throw new InvalidVideoException($"{Name} has no readable frame: it is empty or corrupt.");
                }

                capture.Release();
                capture.Dispose();
                capture = new VideoCapture(_path);
            }

            return capture;
        }
        catch
        {
            capture.Dispose();
            throw;
        }
    }
}
