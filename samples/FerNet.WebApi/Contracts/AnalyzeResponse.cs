namespace FerNet.WebApi.Contracts;

/// <summary>What POST /analyze returns: the photo's size and every face found, most confident first.</summary>
/// <param name="Width">The decoded photo's width in pixels.</param>
/// <param name="Height">The decoded photo's height in pixels.</param>
/// <param name="Faces">The faces; empty when there is none.</param>
public sealed record AnalyzeResponse(int Width, int Height, IReadOnlyList<FaceResult> Faces);
