using System.Diagnostics;
using System.Globalization;

namespace FerNet.Training.Runs;

/// <summary>
/// The wall-clock time one call of <see cref="Trainer.Train"/> may take (`train --stop-after`),
/// counted from when the budget was created. Before every epoch the trainer asks whether the epoch
/// would still end inside it, predicting the epoch's length from the last ones, so a call ends after a
/// checkpoint instead of being cut off inside an epoch.
/// </summary>
internal sealed class TimeBudget
{
    /// <summary>How many of the latest epochs predict the next one's length; the longest of them is taken.</summary>
    private const int EpochsPredicting = 3;

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Starts a budget of <paramref name="limit"/> now.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public TimeBudget(TimeSpan limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(limit));
        Limit = limit;
    }

    /// <summary>The time the call may take.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Time spent since the budget started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// Whether an epoch started after <paramref name="elapsed"/> would end within <paramref name="limit"/>,
    /// taking the longest of the last <see cref="EpochsPredicting"/> of <paramref name="epochs"/> as its
    /// length (the longest, because an overrun costs the whole epoch when the sitting ends). With no
    /// epoch to go by (the first epoch of a run) the epoch is started whatever the time: a call that
    /// trained nothing would leave the run where it was.
    /// </summary>
    /// <param name="elapsed">Time spent so far.</param>
    /// <param name="limit">The budget.</param>
    /// <param name="epochs">Lengths of the latest epochs, oldest first.</param>
    public static bool AllowsEpoch(TimeSpan elapsed, TimeSpan limit, IReadOnlyList<TimeSpan> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        return epochs.Count == 0 || elapsed + epochs.Skip(Math.Max(0, epochs.Count - EpochsPredicting)).Max() <= limit;
    }

    /// <summary>Whether another epoch fits in what is left of the budget (see <see cref="AllowsEpoch(TimeSpan, TimeSpan, IReadOnlyList{TimeSpan})"/>).</summary>
    /// <param name="epochs">Lengths of the latest epochs, oldest first.</param>
    public bool AllowsEpoch(IReadOnlyList<TimeSpan> epochs) => AllowsEpoch(Elapsed, Limit, epochs);

    /// <summary>
    /// Reads a duration written as numbers with units h, m and s, e.g. "140m", "2h", "1h30m", "90s" or "0.5s".
    /// </summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not such a duration, or is not positive.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        TimeSpan total = TimeSpan.Zero;
        int position = 0;
        while (position < text.Length)
        {
            int start = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
            {
                position++;
            }

            if (position == start || position == text.Length
                || !double.TryParse(text.AsSpan(start, position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
            {
                throw new FormatException($"'{text}' is not a duration: write a number with a unit h, m or s, e.g. 140m, 2h, 1h30m or 90s.");
            }

            total += text[position++] switch
            {
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                's' => TimeSpan.FromSeconds(amount),
                char unit => throw new FormatException($"'{text}' is not a duration: '{unit}' is not a unit (use h, m or s)."),
            };
        }

        return total > TimeSpan.Zero ? total : throw new FormatException($"'{text}' is not a positive duration.");
    }
}
