using System.Globalization;
using FerNet.Core;

namespace FerNet.Cli.Tests.Prediction;

/// <summary>Reads the CSV the predict verb writes, checking its header; names in these tests hold no commas or quotes.</summary>
internal static class ResultsCsv
{
    public const string ExpectedHeader = "img_name,label,angry,disgust,fear,happy,neutral,sad,surprise";

    public static IReadOnlyList<ResultsCsvRow> Parse(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExpectedHeader, lines[0]);
        return [.. lines.Skip(1).Select(line =>
        {
            string[] fields = line.Split(',');
            Assert.Equal(2 + EmotionLabels.Count, fields.Length);
            return new ResultsCsvRow(fields[0], fields[1], [.. fields.Skip(2).Select(field => float.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture))]);
        })];
    }
}
