using Microsoft.ML.Data;

namespace FerNet.Faces;

/// <summary>Finds faces in an image. <see cref="YuNetFaceDetector"/> is FerNet's; any other may be plugged into <see cref="FaceEmotionAnalyzer"/>.</summary>
public interface IFaceDetector : IDisposable
{
    /// <summary>Every face in <paramref name="image"/>, most confident first; an empty list when there is none.</summary>
    /// <param name="image">The image as FerNet.Inference decodes it (<c>ImageLoader.Load</c>): 32-bit BGRA or RGBA; its alpha channel is ignored. It is not changed or disposed.</param>
    IReadOnlyList<FaceDetection> Detect(MLImage image);
}
