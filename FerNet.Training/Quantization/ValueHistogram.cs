namespace FerNet.Training.Quantization;

/// <summary>
/// Counts of a tensor's values in equal bins over a range known beforehand (the first calibration
/// pass's min and max), from which percentiles are read without keeping the values.
/// </summary>
internal sealed class ValueHistogram
{
    private const int BinCount = 4096;

    private readonly long[] _counts = new long[BinCount];
    private readonly float _min;
    private readonly float _binWidth;
    private long _total;

    /// <summary>A histogram over [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public ValueHistogram(float min, float max)
    {
        _min = min;
        _binWidth = max > min ? (max - min) / BinCount : 1;
    }

    /// <summary>Counts <paramref name="values"/>; values outside the range count in the end bins.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        float inverseWidth = 1 / _binWidth;
        foreach (float value in values)
        {
            int bin = (int)((value - _min) * inverseWidth);
            _counts[Math.Clamp(bin, 0, BinCount - 1)]++;
        }

        _total += values.Length;
    }

    /// <summary>The value below which <paramref name="percent"/> % of the counted values lie, to one bin's width.</summary>
    public float Percentile(double percent)
    {
        long target = (long)Math.Ceiling(_total * percent / 100);
        long seen = 0;
        for (int bin = 0; bin < BinCount; bin++)
        {
            seen += _counts[bin];
            if (seen >= target)
            {
                // The upper edge of the bin, so that a percentile of 100 is the maximum itself.
                return _min + ((bin + 1) * _binWidth);
            }
        }

        return _min + (BinCount * _binWidth);
    }
}
