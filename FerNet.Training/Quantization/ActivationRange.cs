namespace FerNet.Training.Quantization;

/// <summary>The range of values an activation tensor is quantized over.</summary>
/// <param name="Min">The smallest value represented.</param>
/// <param name="Max">The largest value represented.</param>
internal readonly record struct ActivationRange(float Min, float Max)
{
    /// <summary>The uint8 scale and zero point that cover this range and represent 0 exactly.</summary>
    /// <remarks>
    /// Zero must be exact: zero padding and ReLU's zeros are the commonest values, and ONNX Runtime's
    /// integer kernels pad with the zero point.
    /// </remarks>
    public (float Scale, byte ZeroPoint) ToUInt8()
    {
        float low = Math.Min(0, Min);
        float high = Math.Max(0, Max);
        if (!(high > low) || !float.IsFinite(high - low))
        {
            return (1f, 0);
        }

        float scale = (high - low) / byte.MaxValue;
        return (scale, (byte)Math.Clamp(MathF.Round(-low / scale), 0, byte.MaxValue));
    }
}
