namespace FerNet.Faces.Video;

/// <summary>The faces of one analysed video frame.</summary>
/// <param name="FrameIndex">The frame's position in the video, from 0, counting every frame read (analysed or not).</param>
/// <param name="Timestamp">For a file, the frame's time in the video (index / frame rate); for a camera, the time since it opened.</param>
/// <param name="Faces">Every face found, most confident first; empty when there is none.</param>
public sealed record FrameFaces(int FrameIndex, TimeSpan Timestamp, IReadOnlyList<FaceEmotion> Faces);
