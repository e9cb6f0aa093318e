using System.Text.RegularExpressions;

namespace FerNet.Cli.Files;

/// <summary>The message the CLI prints, and writes into results files, for a file it could not use.</summary>
internal static partial class FaultMessage
{
    /// <summary>
    /// The exception's message without the bytes of the file: FerNet.Inference names a file that is
    /// no image by quoting its first eight bytes in hex, and a folder or list may hold a file whose
    /// bytes are not for the screen or a results file (a password hash), so the verdict stays and
    /// the bytes go.
    /// </summary>
    public static string Of(Exception e) => QuotedFirstBytes().Replace(e.Message, string.Empty);

    [GeneratedRegex(@"(?<=its first bytes) \([0-9A-F]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedFirstBytes();
}
