using System.Globalization;
using FerNet.Training.Runs;

namespace FerNet.Training.Cli;

/// <summary>
/// Checks of option values that the commands make before any work, so that a value that would abort
/// libtorch, score nothing or fail only after a long run is refused at once with one line naming it.
/// </summary>
internal static class CommandLineChecks
{
    /// <exception cref="ArgumentException"><paramref name="value"/> is below 1.</exception>
    public static int AtLeastOne(string option, int value) => value >= 1
        ? value
        : throw new ArgumentException($"{option} must be at least 1, not {value}.");

    /// <summary>A --val-fraction that names the held-out share of a training run: in (0, 0.5], as <see cref="TrainingOptions"/> requires.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is outside (0, 0.5].</exception>
    public static double ValidationFraction(string option, double value) => value is > 0 and <= 0.5
        ? value
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option} must be in (0, 0.5], the share a training run holds out, not {value}."));

    /// <summary>A file the command will write: it may exist as a regular file (it is replaced), but it must not be a folder, a device or a named pipe.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a folder, or exists and is not a regular file.</exception>
    public static string OutputFile(string option, string path) => Directory.Exists(path)
        ? throw new ArgumentException($"{option} '{Path.GetFullPath(path)}' is a folder; give the path of the file to write.")
        : Common.IO.RegularFile.WriteRefusal(path, $"{option} '{Path.GetFullPath(path)}'") is string refusal ? throw new ArgumentException(refusal) : path;

    /// <summary>
    /// A file the command will read (a model or checkpoint): when it exists, it must be a regular file
    /// with content, so that a FIFO, which blocks its reader, or a device such as /dev/zero, which
    /// never ends, is refused before it is opened. A missing file is the loader's to report.
    /// </summary>
    /// <exception cref="ArgumentException">It is a folder, empty, no regular file, or a link that cannot be followed.</exception>
    public static string InputFile(string option, string path) =>
        Common.IO.RegularFile.ReadRefusal(path, $"{option} '{Path.GetFullPath(path)}'") is string refusal ? throw new ArgumentException(refusal) : path;

    /// <summary>A folder the command will write into: it may exist, but it must not be a file.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a file.</exception>
    public static string OutputFolder(string option, string path) => File.Exists(path)
        ? throw new ArgumentException($"{option} '{Path.GetFullPath(path)}' is a file; give a folder.")
        : path;
}
