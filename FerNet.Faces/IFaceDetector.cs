using OpenCvSharp;

namespace FerNet.Faces;

/// <summary>Finds faces in an image. <see cref="YuNetFaceDetector"/> is FerNet's; any other may be plugged into <see cref="FaceEmotionAnalyzer"/>.</summary>
public interface IFaceDetector : IDisposable
{
    /// <summary>Every face in <paramref name="image"/>, most confident first; an empty list when there is none.</summary>
    /// <param name="image">An 8-bit, 3-channel BGR image (OpenCV's usual layout); it is not changed.</param>
    IReadOnlyList<FaceDetection> Detect(Mat image);
}
