using System.CommandLine;
using FerNet.Cli.Evaluation;
using FerNet.Cli.Prediction;
using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Inference;

namespace FerNet.Cli.Commands;

/// <summary>The <c>fernet</c> command with its verbs, and how a run reports input it cannot use.</summary>
internal static class FernetCommand
{
    /// <summary>The exit code of a run stopped by bad input: a missing file, an unusable model or image, an unknown option value.</summary>
    public const int BadInput = 2;

    public static RootCommand Create() => new("fernet: recognise facial expressions in face crops, photos, videos and webcams with FerNet's models.")
    {
        PredictCommand.Create(),
        FacesCommand.Create(),
        VideoCommand.Create(),
        CameraCommand.Create(),
        EvaluateCommand.Create(),
    };

    /// <summary>
    /// Runs <paramref name="arguments"/> (verb first). Input the user must fix ends the run with one
    /// line, <c>error: message</c>, on the configuration's error writer and exit code 2, never a
    /// stack trace.
    /// </summary>
    public static int Run(string[] arguments, InvocationConfiguration configuration)
    {
        configuration.EnableDefaultExceptionHandler = false;
        ParseResult parsed = Create().Parse(arguments);

        // System.CommandLine would print its errors and the help text and exit with 1.
        if (parsed.Errors.Count > 0 && UnknownVerb(arguments) is string unknown)
        {
            string suggestion = VerbSuggestion.Closest(unknown, [.. parsed.RootCommandResult.Command.Subcommands.Select(verb => verb.Name)]) is string verb
                ? $" Did you mean {verb}?"
                : string.Empty;
            configuration.Error.WriteLine($"error: '{unknown}' is not a verb of fernet.{suggestion} (fernet --help lists the verbs.)");
            return BadInput;
        }

        if (parsed.Errors.Count > 0)
        {
            // Some messages list the accepted values on lines of their own; an error is one line.
            string messages = System.Text.RegularExpressions.Regex.Replace(string.Join(" ", parsed.Errors.Select(error => error.Message)), @"\s+", " ");
            configuration.Error.WriteLine($"error: {messages} (fernet --help lists the verbs and their options.)");
            return BadInput;
        }

        try
        {
            return parsed.Invoke(configuration);
        }
        catch (Exception e) when (e is InvalidModelException or InvalidImageException or FaceDetectorModelException or InvalidVideoException
            or InvalidLabelledFolderException or PredictionSetupException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or UnauthorizedAccessException)
        {
            configuration.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    // The first argument names the verb; an option or a known verb is left to the parser's own message.
    private static string? UnknownVerb(string[] arguments) =>
        arguments is [string first, ..] && !first.StartsWith('-') && !Create().Subcommands.Any(verb => verb.Name == first) ? first : null;
}
