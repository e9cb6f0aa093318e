using FerNet.Core;

namespace FerNet.Training.Data;

/// <summary>Where the challenge file's three columns are, as its header names them (in any order, any case).</summary>
internal sealed record Fer2013CsvColumns(int EmotionColumn, int PixelsColumn, int UsageColumn)
{
    private static readonly string[] Names = ["emotion", "pixels", "Usage"];

    /// <summary>The number of columns.</summary>
    public int Count => Names.Length;

    /// <summary>Finds the columns in <paramref name="header"/>, the file's first line.</summary>
    /// <exception cref="DatasetFormatException">The first line is not a header naming exactly these columns.</exception>
    internal static Fer2013CsvColumns Parse(string path, string? header)
    {
        string[] columns = header?.Split(',').Select(name => name.Trim().Trim('"')).ToArray() ?? [];
        int[] positions = Names.Select(name => Array.FindIndex(columns, column => column.Equals(name, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (columns.Length != Names.Length || positions.Contains(-1))
        {
            throw new DatasetFormatException(
                $"{path}, line 1: missing header; expected the columns {string.Join(",", Names)}, found '{header}'.");
        }

        return new Fer2013CsvColumns(positions[0], positions[1], positions[2]);
    }
}
