namespace FerNet.Training.Quantization;

/// <summary>How an activation's range is chosen from the values it takes on the calibration images.</summary>
internal enum CalibrationMethod
{
    /// <summary>The smallest and largest value seen: nothing clips, but one outlier widens every step.</summary>
    MinMax,

    /// <summary>
    /// The <see cref="QuantizationOptions.Percentile"/> percentile of the values (and, for a tensor that
    /// goes negative, the mirror percentile below): a few rare large values clip, so the common ones get finer steps.
    /// </summary>
    Percentile,
}
