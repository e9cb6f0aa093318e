using System.Diagnostics;

namespace FerNet.Tooling.Terminal;

/// <summary>
/// A one-line progress bar with throughput and ETA. On a terminal it redraws in place a few times a
/// second; when output is redirected to a log it prints a plain line every tenth of the work instead
/// of filling the log with carriage returns.
/// </summary>
public sealed class ConsoleProgressBar : IProgress<long>
{
    /// <summary>The unit of a bar over a share of the work, 0 to 100, such as reading a dataset.</summary>
    public const string PercentUnit = "%";

    private const int BarWidth = 28;
    private readonly TextWriter _out;
    private readonly string _label;
    private readonly long _total;
    private readonly string _unit;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;
    private int _lastTenth;

    /// <summary>Starts a bar for <paramref name="total"/> items of <paramref name="unit"/>.</summary>
    public ConsoleProgressBar(TextWriter output, string label, long total, string unit)
    {
        _out = output;
        _label = label;
        _total = Math.Max(1, total);
        _unit = unit;
        _interactive = ReferenceEquals(output, Console.Out) ? !Console.IsOutputRedirected
            : ReferenceEquals(output, Console.Error) && !Console.IsErrorRedirected;
    }

    /// <summary>Runs <paramref name="work"/> with a bar over <paramref name="total"/> items on <paramref name="output"/>, and ends the bar after it.</summary>
    public static T Show<T>(TextWriter output, string label, long total, string unit, Func<IProgress<long>, T> work)
    {
        var bar = new ConsoleProgressBar(output, label, total, unit);
        try
        {
            return work(bar);
        }
        finally
        {
            bar.Finish();
        }
    }

    /// <summary>Reports that <paramref name="value"/> items are finished.</summary>
    void IProgress<long>.Report(long value) => Report(value);

    /// <summary>Reports that <paramref name="done"/> items are finished; <paramref name="status"/> is appended.</summary>
    public void Report(long done, string status = "")
    {
        double seconds = _clock.Elapsed.TotalSeconds;
        double rate = seconds > 0 ? done / seconds : 0;
        TimeSpan eta = rate > 0 ? TimeSpan.FromSeconds((_total - done) / rate) : TimeSpan.Zero;
        // A share of the work has no rate worth showing ("40 %/s"); counted items do.
        string amount = _unit == PercentUnit ? $"{done} %" : $"{done}/{_total} {rate,6:F0} {_unit}/s";
        string line = $"{_label} {Bar(done)} {amount} ETA {eta:mm\\:ss} {status}";
        if (_interactive)
        {
            if (_clock.ElapsedMilliseconds - _lastDrawMs < 250 && done < _total)
            {
                return;
            }

            _lastDrawMs = _clock.ElapsedMilliseconds;
            _out.Write("\r" + line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 140) : 100));
        }
        else
        {
            int tenth = (int)(done * 10 / _total);
            if (tenth > _lastTenth)
            {
                _lastTenth = tenth;
                _out.WriteLine(line);
            }
        }
    }

    /// <summary>Ends the bar's line on a terminal.</summary>
    public void Finish()
    {
        if (_interactive)
        {
            _out.Write("\r" + new string(' ', 140) + "\r");
        }
    }

    private string Bar(long done)
    {
        int filled = (int)(BarWidth * Math.Min(done, _total) / _total);
        return "[" + new string('#', filled) + new string('.', BarWidth - filled) + "]";
    }
}
