namespace FerNet.Training.Data;

/// <summary>
/// Passes progress from worker threads on to a caller's <see cref="IProgress{T}"/> one call at a
/// time and never backwards, since reports from parallel workers can arrive out of order.
/// </summary>
internal sealed class ProgressReporter(IProgress<DatasetLoadProgress>? progress)
{
    private readonly Lock _gate = new();
    private DatasetLoadProgress _last = new(-1, -1);

    internal void Report(int imagesRead, double fraction)
    {
        if (progress is null)
        {
            return;
        }

        lock (_gate)
        {
            if (fraction < _last.Fraction || (fraction == _last.Fraction && imagesRead <= _last.ImagesRead))
            {
                return;
            }

            _last = new DatasetLoadProgress(imagesRead, fraction);
            progress.Report(_last);
        }
    }
}
