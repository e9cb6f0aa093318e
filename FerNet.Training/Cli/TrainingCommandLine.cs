using System.CommandLine;
using System.Text.RegularExpressions;
using FerNet.Inference;
using FerNet.Training.Checkpoints;
using FerNet.Training.Data;
using FerNet.Training.Quantization;

namespace FerNet.Training.Cli;

/// <summary>The training application's command line: its verbs, and how a run reports input it cannot use.</summary>
internal static partial class TrainingCommandLine
{
    /// <summary>The exit code of a run stopped by bad input: an unknown verb or option, a bad value, a missing or unusable file.</summary>
    public const int BadInput = 2;

    /// <summary>The exit code of a quantize run whose int8 model lost more validation accuracy than <c>--max-validation-loss</c> allows; nothing was written.</summary>
    public const int QuantizationLoss = 3;

    /// <summary>The root command with every verb.</summary>
    public static RootCommand Create() => new("FerNet: train facial-expression CNNs on FER2013 with TorchSharp, export them to ONNX and score them.")
    {
        TrainCommand.Create(),
        SummaryCommand.Create(),
        ExportCommand.Create(),
        EvaluateCommand.Create(),
        EnsembleCommand.Create(),
        QuantizeCommand.Create(),
        BenchmarkCommand.Create(),
        CompareCommand.Create(),
    };

    /// <summary>
    /// Runs <paramref name="arguments"/> (verb first). Input the user must fix, an unknown verb
    /// included, ends the run with one line, <c>error: message</c>, on the configuration's error
    /// writer and exit code 2, never the help text or a stack trace.
    /// </summary>
    public static int Run(string[] arguments, InvocationConfiguration configuration)
    {
        configuration.EnableDefaultExceptionHandler = false;
        ParseResult parsed = Create().Parse(arguments);

        // System.CommandLine would print its errors and the whole help text and exit with 1.
        if (parsed.Errors.Count > 0)
        {
            string messages = Whitespace().Replace(string.Join(" ", parsed.Errors.Select(error => error.Message)), " ");
            configuration.Error.WriteLine($"error: {messages} (--help lists the verbs and their options.)");
            return BadInput;
        }

        try
        {
            return parsed.Invoke(configuration);
        }
        catch (QuantizationLossException e)
        {
            // The work ran and measured a loss the user did not allow: not bad input, so its own code.
            configuration.Error.WriteLine($"error: {e.Message}");
            return QuantizationLoss;
        }
        catch (Exception e) when (e is DatasetFormatException or InvalidCheckpointException or InvalidModelException or InvalidImageException or InvalidDataException
            or IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Some messages (ArgumentOutOfRangeException's) span lines; an error is one line.
            configuration.Error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return BadInput;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
