using System.Text.Json;

namespace FerNet.Training.Runs;

/// <summary>The per-epoch history a run folder keeps (<see cref="Trainer.HistoryFileName"/>), read back for comparison.</summary>
/// <param name="Name">What the run is called in tables and legends: its folder's name.</param>
/// <param name="Epochs">One record per epoch, in order.</param>
internal sealed record RunHistory(string Name, IReadOnlyList<EpochRecord> Epochs)
{
    /// <summary>Reads the history of the run in <paramref name="runDirectory"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The folder has no history, it is no history JSON, it is empty, or an epoch lacks its processor
    /// time (histories written before <see cref="EpochRecord.CpuSeconds"/> was recorded); the message names the file.
    /// </exception>
    public static RunHistory Read(string runDirectory)
    {
        string path = Path.Combine(runDirectory, Trainer.HistoryFileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no training history there; give a folder that `train --out` wrote.");
        }

        EpochRecord[]? epochs;
        try
        {
            epochs = JsonSerializer.Deserialize<EpochRecord[]>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a training history ({e.Message}).", e);
        }

        if (epochs is not { Length: > 0 })
        {
            throw new InvalidDataException($"{path}: the history holds no epoch.");
        }

        if (epochs.FirstOrDefault(epoch => epoch.CpuSeconds is null) is { } untimed)
        {
            throw new InvalidDataException($"{path}: epoch {untimed.Epoch} has no processor time (the history was written before train recorded it), so it cannot be placed on a CPU-time axis.");
        }

        return new RunHistory(new DirectoryInfo(runDirectory).Name, epochs);
    }

    /// <summary>Processor minutes spent by the end of each epoch, summed from the first.</summary>
    public double[] CumulativeCpuMinutes()
    {
        var minutes = new double[Epochs.Count];
        double sum = 0;
        for (int i = 0; i < minutes.Length; i++)
        {
            sum += Epochs[i].CpuSeconds!.Value / 60;
            minutes[i] = sum;
        }

        return minutes;
    }

    /// <summary>The validation accuracy each epoch reached, in [0, 1]: the better of the trained weights and their average.</summary>
    public double[] ValidationAccuracies() =>
        [.. Epochs.Select(epoch => Math.Max(epoch.ValidationAccuracy, epoch.AverageValidationAccuracy ?? 0))];
}
