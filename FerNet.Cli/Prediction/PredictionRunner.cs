using System.Text;
using FerNet.Core;
using FerNet.Common.IO;
using FerNet.Cli.Files;
using FerNet.Cli.Terminal;
using FerNet.Tooling.Terminal;

namespace FerNet.Cli.Prediction;

/// <summary>
/// The predict verb: checks everything it needs before scoring anything, scores one image (a table
/// on the output) or a folder or list (a progress bar, then CSV or JSON), reports each skipped file
/// with its reason, and writes the output file atomically once every image is scored.
/// </summary>
/// <param name="output">Receives the results: the single-image table, or a folder's CSV when no output file is named.</param>
/// <param name="diagnostics">Receives errors, the progress bar, skipped files and the summary.</param>
internal sealed class PredictionRunner(TextWriter output, TextWriter diagnostics)
{
    private static readonly UTF8Encoding Utf8WithoutMark = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Runs <paramref name="request"/>; never throws for a bad input, model or option, but reports it and returns <see cref="PredictionOutcome.NotStarted"/>.</summary>
    /// <param name="request">What to score and where to write it.</param>
    /// <param name="cancellationToken">Stops the run between batches; nothing is written then.</param>
    public PredictionOutcome Run(PredictionRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return Execute(request, cancellationToken);
        }
        catch (PredictionSetupException e)
        {
            diagnostics.WriteLine($"error: {e.Message}");
            return PredictionOutcome.NotStarted;
        }
        catch (OperationCanceledException)
        {
            diagnostics.WriteLine("Cancelled; no output file was written.");
            return PredictionOutcome.Cancelled;
        }
    }

    private static bool IsJson(string outputPath) => Path.GetExtension(outputPath).Equals(".json", StringComparison.OrdinalIgnoreCase);

    private static void CheckOptions(PredictionRequest request)
    {
        if (request.Top is int top && (top < 1 || top > EmotionLabels.Count))
        {
            throw new PredictionSetupException($"--top is {top}; it must lie between 1 and {EmotionLabels.Count}.");
        }

        if (request.OutputPath is string path
            && !IsJson(path)
            && !Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new PredictionSetupException($"Output file '{path}' must end in .csv or .json: its extension chooses the format.");
        }

        if (request.OutputPath is string output && OutputLocation.FileRefusal(output, "--out") is string refusal)
        {
            throw new PredictionSetupException(refusal);
        }
    }

    private static IReadOnlyList<ImageEntry> FindImages(PredictionRequest request, out bool singleImage)
    {
        singleImage = File.Exists(request.Input);
        if (singleImage)
        {
            if (request.ListPath is not null || request.Recursive)
            {
                throw new PredictionSetupException($"'{request.Input}' is a file; --list and --recursive apply to a folder.");
            }

            // A single image that cannot be opened ends the run, as a missing one does.
            if (RegularFile.ReadRefusal(request.Input, $"Image file '{request.Input}'") is string refusal)
            {
                throw new PredictionSetupException(refusal);
            }

            return [new ImageEntry(Path.GetFileName(request.Input), request.Input)];
        }

        if (!Directory.Exists(request.Input))
        {
            throw new PredictionSetupException($"There is no image or folder at '{request.Input}'.");
        }

        if (request.ListPath is null)
        {
            return ImageListing.FromFolder(request.Input, request.Recursive, request.OutputPath);
        }

        if (request.Recursive)
        {
            throw new PredictionSetupException("--recursive applies to a folder scored without --list; a list names its images itself.");
        }

        return ImageListing.FromList(request.Input, request.ListPath);
    }

    private static void WriteFile(string path, PredictionResults results, int? top) =>
        AtomicFile.Write(path, stream =>
        {
            if (IsJson(path))
            {
                PredictionJson.Write(stream, results, top);
                return;
            }

            using var writer = new StreamWriter(stream, Utf8WithoutMark, bufferSize: 1 << 16, leaveOpen: true);
            PredictionCsv.Write(writer, results.Scored);
        });

    private PredictionOutcome Execute(PredictionRequest request, CancellationToken cancellationToken)
    {
        CheckOptions(request);
        IReadOnlyList<ImageEntry> images = FindImages(request, out bool singleImage);
        using PredictionModel model = PredictionModel.Open(request.ModelPath, request.Augmentation, request.Precision);

        PredictionResults results = singleImage ? ImageScorer.ScoreSingle(model, images[0]) : ScoreWithProgress(model, images, cancellationToken);

        // One image that cannot be used means nothing was scored: an error and exit code 2, as for a
        // missing one, not the "some files skipped" of a folder.
        if (singleImage && results.Scored.Count == 0)
        {
            diagnostics.WriteLine($"error: {results.Skipped[0].Name}: {results.Skipped[0].Reason}");
            return PredictionOutcome.NotStarted;
        }

        foreach (SkippedImage skipped in results.Skipped)
        {
            diagnostics.WriteLine($"skipped {skipped.Name}: {skipped.Reason}");
        }

        if (singleImage && results.Scored.Count == 1)
        {
            PredictionTable.Write(output, results.Scored[0].Name, results.Scored[0].Prediction, request.Top ?? EmotionLabels.Count);
            if (WholePhotoCheck.Warning(images[0].Path, images[0].Name, model.Model) is string warning)
            {
                diagnostics.WriteLine(warning);
            }
        }

        if (request.OutputPath is string path)
        {
            WriteFile(path, results, request.Top);
        }
        else if (!singleImage)
        {
            PredictionCsv.Write(output, results.Scored);
        }

        if (!singleImage)
        {
            diagnostics.WriteLine($"Scored {results.Scored.Count} of {Counted.Of(images.Count, "file")}, skipped {results.Skipped.Count}.");
        }

        if (request.OutputPath is not null)
        {
            diagnostics.WriteLine($"Wrote {Path.GetFullPath(request.OutputPath)}.");
        }

        return results.Skipped.Count == 0 ? PredictionOutcome.AllScored : PredictionOutcome.SomeSkipped;
    }

    private PredictionResults ScoreWithProgress(PredictionModel model, IReadOnlyList<ImageEntry> images, CancellationToken cancellationToken)
    {
        var progress = new ConsoleProgressBar(diagnostics, "Scoring", images.Count, "img");
        try
        {
            return ImageScorer.ScoreAll(model, images, done => progress.Report(done), cancellationToken);
        }
        finally
        {
            progress.Finish();
        }
    }
}
