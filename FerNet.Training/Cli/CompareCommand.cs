using System.CommandLine;
using System.Globalization;
using FerNet.Training.Reports;
using FerNet.Training.Runs;

namespace FerNet.Training.Cli;

/// <summary>`compare`: runs side by side at equal processor cost, as a table and a chart.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("runs") { Description = "Run folders written by train --out (each keeps history.json).", Arity = ArgumentArity.OneOrMore };
        var chart = new Option<string?>("--chart") { Description = "Also write validation accuracy against processor minutes to this PNG." };
        var command = new Command("compare", "Compare training runs by validation accuracy against the processor minutes they spent: a Markdown table, and a chart with --chart.") { runs, chart };
        command.SetAction(result =>
        {
            RunHistory[] histories = [.. result.GetValue(runs)!.Select(RunHistory.Read)];
            PrintTable(histories, Console.Out);
            if (result.GetValue(chart) is string chartPath)
            {
                RunComparisonChart.Write(histories, "Validation accuracy against CPU time", CommandLineChecks.OutputFile("--chart", chartPath));
                Console.WriteLine($"Chart: {chartPath}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>One Markdown row per run: epochs, processor minutes, and validation accuracy after each epoch.</summary>
    public static void PrintTable(IReadOnlyList<RunHistory> runs, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine("| run | epochs | processor minutes | best validation | validation after each epoch (processor minutes) |");
        output.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (RunHistory run in runs)
        {
            double[] minutes = run.CumulativeCpuMinutes();
            double[] accuracy = run.ValidationAccuracies();
            string steps = string.Join(", ", accuracy.Select((value, i) => string.Create(inv, $"{100 * value:F2} % ({minutes[i]:F0})")));
            output.WriteLine(string.Create(inv, $"| {run.Name} | {run.Epochs.Count} | {minutes[^1]:F0} | {100 * accuracy.Max():F2} % | {steps} |"));
        }
    }
}
