namespace FerNet.Cli.Tests.Running;

/// <summary>Collects text and cancels <paramref name="source"/> once a line starts with <paramref name="trigger"/>: a Ctrl+C at a chosen moment.</summary>
internal sealed class CancellingWriter(CancellationTokenSource source, string trigger) : StringWriter
{
    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (value is not null && value.StartsWith(trigger, StringComparison.Ordinal))
        {
            source.Cancel();
        }
    }
}
