namespace FerNet.Faces.Detection;

/// <summary>
/// Turns YuNet's twelve outputs into face candidates as OpenCV's <c>FaceDetectorYN</c> does
/// (modules/objdetect/src/face_detect.cpp): for each cell of each stride's grid the score is
/// √(cls · obj), both clamped to [0, 1]; a cell at or above the threshold gives a box centred at
/// (column + dx, row + dy) · stride with sides e^(dw) · stride and e^(dh) · stride, and landmarks
/// at (column + kx, row + ky) · stride, in the padded input's pixels.
/// </summary>
internal static class YuNetDecoder
{
    /// <summary>The candidates in grid order, stride 8 first, before suppression.</summary>
    /// <param name="outputs">The outputs in <see cref="YuNetOutputs.Names"/>' order.</param>
    /// <param name="paddedWidth">The input's width after padding.</param>
    /// <param name="paddedHeight">The input's height after padding.</param>
    /// <param name="scoreThreshold">Cells scoring below this are skipped.</param>
    public static List<FaceCandidate> Decode(IReadOnlyList<float[]> outputs, int paddedWidth, int paddedHeight, float scoreThreshold)
    {
        var candidates = new List<FaceCandidate>();
        int strides = YuNetOutputs.Strides.Length;
        for (int level = 0; level < strides; level++)
        {
            int stride = YuNetOutputs.Strides[level];
            int columns = paddedWidth / stride;
            int rows = paddedHeight / stride;
            float[] cls = outputs[level];
            float[] obj = outputs[level + strides];
            float[] box = outputs[level + (2 * strides)];
            float[] kps = outputs[level + (3 * strides)];
            for (int row = 0; row < rows; row++)
            {
                for (int column = 0; column < columns; column++)
                {
                    int cell = (row * columns) + column;
                    float score = MathF.Sqrt(Math.Clamp(cls[cell], 0f, 1f) * Math.Clamp(obj[cell], 0f, 1f));
                    if (score < scoreThreshold)
                    {
                        continue;
                    }

                    int at = cell * YuNetOutputs.BoxValues;
                    float centreX = (column + box[at]) * stride;
                    float centreY = (row + box[at + 1]) * stride;
                    float width = MathF.Exp(box[at + 2]) * stride;
                    float height = MathF.Exp(box[at + 3]) * stride;
                    var landmarks = new float[YuNetOutputs.LandmarkValues];
                    int point = cell * YuNetOutputs.LandmarkValues;
                    for (int n = 0; n < YuNetOutputs.LandmarkValues; n += 2)
                    {
                        landmarks[n] = (kps[point + n] + column) * stride;
                        landmarks[n + 1] = (kps[point + n + 1] + row) * stride;
                    }

                    candidates.Add(new FaceCandidate(centreX - (width / 2f), centreY - (height / 2f), width, height, landmarks, score));
                }
            }
        }

        return candidates;
    }
}
