namespace FerNet.Faces.Detection;

/// <summary>One cell's face as YuNet's outputs decode, in the detector input's pixels.</summary>
/// <param name="X">The box's left edge.</param>
/// <param name="Y">The box's top edge.</param>
/// <param name="Width">The box's width.</param>
/// <param name="Height">The box's height.</param>
/// <param name="Landmarks">x and y of the right eye, left eye, nose tip, right and left mouth corner.</param>
/// <param name="Score">√(cls · obj), in [0, 1].</param>
internal sealed record FaceCandidate(float X, float Y, float Width, float Height, float[] Landmarks, float Score);
