namespace FerNet.Faces.Detection;

/// <summary>
/// Non-maximum suppression as OpenCV's <c>dnn::NMSBoxes</c> runs it for <c>FaceDetectorYN</c>:
/// boxes truncated to whole pixels, candidates scoring above the threshold sorted by score (ties
/// keep their order), the best <c>topK</c> kept, then each kept unless its IoU with an
/// already kept box exceeds the NMS threshold.
/// </summary>
internal static class FaceSuppression
{
    /// <summary>The candidates that survive, best first.</summary>
    public static List<FaceCandidate> Apply(List<FaceCandidate> candidates, float scoreThreshold, float nmsThreshold, int topK)
    {
        // OpenCV suppresses only when there are two or more candidates.
        if (candidates.Count < 2)
        {
            return candidates;
        }

        List<FaceCandidate> ranked = [.. candidates.Where(face => face.Score > scoreThreshold).OrderByDescending(face => face.Score).Take(topK)];
        var kept = new List<FaceCandidate>();
        var keptBoxes = new List<FaceBox>();
        foreach (FaceCandidate face in ranked)
        {
            var box = new FaceBox((int)face.X, (int)face.Y, (int)face.Width, (int)face.Height);
            if (keptBoxes.All(other => Overlap(box, other) <= nmsThreshold))
            {
                kept.Add(face);
                keptBoxes.Add(box);
            }
        }

        return kept;
    }

    // OpenCV's Jaccard index of two integer rectangles, computed in float as NMSBoxes does.
    private static float Overlap(FaceBox a, FaceBox b)
    {
        long sum = a.Area + b.Area;
        if (sum <= 0)
        {
            return 1f;
        }

        return (float)a.IntersectionOverUnion(b);
    }
}
