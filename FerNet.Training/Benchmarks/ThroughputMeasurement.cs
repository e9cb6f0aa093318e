namespace FerNet.Training.Benchmarks;

/// <summary>What <see cref="TrainingThroughput.Measure"/> found.</summary>
/// <param name="BareBefore">Images/s of the bare loop before the pipeline ran.</param>
/// <param name="Pipeline">Images/s of the real training loop fed by the pipeline.</param>
/// <param name="BareAfter">Images/s of the bare loop after the pipeline ran.</param>
/// <param name="WaitShare">
/// Share of the pipeline loop's time spent blocked waiting for the next batch. Unlike the ratio of
/// two rates on a shared machine it does not drift with the machine's speed: near zero, data
/// preparation is not what holds training back.
/// </param>
/// <param name="PreparationPerBatch">Background-thread time to gather, scale and augment one batch.</param>
internal sealed record ThroughputMeasurement(double BareBefore, double Pipeline, double BareAfter, double WaitShare, TimeSpan PreparationPerBatch)
{
    /// <summary>The bare loop's rate, the mean of both halves.</summary>
    public double Bare => (BareBefore + BareAfter) / 2;

    /// <summary>The pipeline's rate as a share of the bare loop's.</summary>
    public double Ratio => Pipeline / Bare;
}
