using System.Globalization;

namespace FerNet.Cli.Terminal;

/// <summary>A count with its noun in the number it needs: "1 face", "2 faces", "0 files".</summary>
internal static class Counted
{
    /// <param name="count">How many.</param>
    /// <param name="noun">The singular noun; its plural adds an s.</param>
    public static string Of(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
