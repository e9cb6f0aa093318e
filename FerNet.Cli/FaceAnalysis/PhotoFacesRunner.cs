using System.Text;
using System.Text.Json;
using FerNet.Cli.Files;
using FerNet.Common.IO;
using FerNet.Faces;
using FerNet.Inference;
using FerNet.Cli.Prediction;
using FerNet.Cli.Terminal;

namespace FerNet.Cli.FaceAnalysis;

/// <summary>
/// The faces verb: finds and classifies every face in a photo or a folder of photos, writes each
/// photo annotated into the output folder (same relative name, ".faces" before a .png or .jpg
/// extension; other formats become .png), prints one line per photo, and writes faces.csv or
/// faces.json (see <see cref="FaceRecords"/>) once every photo is done. Files that are no image
/// are reported and skipped, as predict does.
/// </summary>
/// <param name="output">Receives one line per photo.</param>
/// <param name="diagnostics">Receives errors, skipped files and the summary.</param>
internal sealed class PhotoFacesRunner(TextWriter output, TextWriter diagnostics)
{
    private static readonly UTF8Encoding Utf8WithoutMark = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Runs <paramref name="request"/>; a missing input, detector or model is reported and gives <see cref="PredictionOutcome.NotStarted"/>.</summary>
    /// <param name="request">What to read and where to write.</param>
    /// <param name="cancellationToken">Stops the run between photos; no results file is written then.</param>
    public PredictionOutcome Run(PhotoFacesRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return Execute(request, cancellationToken);
        }
        catch (Exception e) when (e is PredictionSetupException or FaceDetectorModelException)
        {
            diagnostics.WriteLine($"error: {e.Message}");
            return PredictionOutcome.NotStarted;
        }
        catch (OperationCanceledException)
        {
            diagnostics.WriteLine("Cancelled; no results file was written.");
            return PredictionOutcome.Cancelled;
        }
    }

    /// <summary>Where the annotated copy of the photo named <paramref name="name"/> goes.</summary>
    internal static string AnnotatedPath(string outputDirectory, string name)
    {
        string extension = Path.GetExtension(name).ToLowerInvariant() is ".jpg" or ".jpeg" ? ".jpg" : ".png";
        return Path.Combine(outputDirectory, Path.ChangeExtension(name, null) + ".faces" + extension);
    }

    private static IReadOnlyList<ImageEntry> FindPhotos(PhotoFacesRequest request)
    {
        if (File.Exists(request.Input))
        {
            // A single photo that cannot be opened ends the run, as a missing one does.
            if (RegularFile.ReadRefusal(request.Input, $"Image file '{request.Input}'") is string refusal)
            {
                throw new PredictionSetupException(refusal);
            }

            return [new ImageEntry(Path.GetFileName(request.Input), request.Input)];
        }

        if (!Directory.Exists(request.Input))
        {
            throw new PredictionSetupException($"There is no photo or folder at '{request.Input}'.");
        }

        return ImageListing.FromFolder(request.Input, request.Recursive, excludedPath: null);
    }

    private static void WriteResults(string path, bool json, IReadOnlyList<(string Name, IReadOnlyList<FaceEmotion> Faces)> photos, IReadOnlyList<SkippedImage> skipped) =>
        AtomicFile.Write(path, stream =>
        {
            if (!json)
            {
                using var writer = new StreamWriter(stream, Utf8WithoutMark, bufferSize: 1 << 16, leaveOpen: true);
                writer.Write(string.Join(",", ["img_name", .. FaceRecords.CsvColumns]) + "\n");
                foreach ((string name, IReadOnlyList<FaceEmotion> faces) in photos)
                {
                    FaceRecords.WriteCsvRows(writer, CsvFields.Escape(name), faces);
                }

                return;
            }

            using var document = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            document.WriteStartObject();
            document.WriteStartArray("images");
            foreach ((string name, IReadOnlyList<FaceEmotion> faces) in photos)
            {
                document.WriteStartObject();
                document.WriteString("img_name", name);
                FaceRecords.WriteJsonFaces(document, faces);
                document.WriteEndObject();
            }

            document.WriteEndArray();
            document.WriteStartArray("skipped");
            foreach (SkippedImage image in skipped)
            {
                document.WriteStartObject();
                document.WriteString("img_name", image.Name);
                document.WriteString("reason", image.Reason);
                document.WriteEndObject();
            }

            document.WriteEndArray();
            document.WriteEndObject();
        });

    private PredictionOutcome Execute(PhotoFacesRequest request, CancellationToken cancellationToken)
    {
        if (request.MaxDetectionSide < 0)
        {
            throw new PredictionSetupException($"--detection-side is 0 (full size) or a positive number of pixels; got {request.MaxDetectionSide}.");
        }

        if (OutputLocation.FolderRefusal(request.OutputDirectory, "--out") is string refusal)
        {
            throw new PredictionSetupException(refusal);
        }

        IReadOnlyList<ImageEntry> photos = FindPhotos(request);
        using PredictionModel model = PredictionModel.Open(request.ModelPath, request.Augmentation, request.Precision);
        using var analyzer = new FaceEmotionAnalyzer(YuNetDetectors.Open(request.DetectorPath, request.MaxDetectionSide), model.Model);

        var done = new List<(string Name, IReadOnlyList<FaceEmotion> Faces)>(photos.Count);
        var skipped = new List<SkippedImage>();
        foreach (ImageEntry photo in photos)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (photo.Refusal is not null)
            {
                skipped.Add(new SkippedImage(photo.Name, photo.Refusal));
                diagnostics.WriteLine($"skipped {photo.Name}: {photo.Refusal}");
                continue;
            }

            try
            {
                IReadOnlyList<FaceEmotion> faces = analyzer.Analyze(photo.Path);
                FaceAnnotator.WriteFile(photo.Path, faces, AnnotatedPath(request.OutputDirectory, photo.Name));
                done.Add((photo.Name, faces));
                output.WriteLine($"{photo.Name}: {FaceRecords.Summary(faces)}");
            }
            catch (Exception e) when (e is InvalidImageException or IOException or UnauthorizedAccessException)
            {
                string reason = e.Message;
                skipped.Add(new SkippedImage(photo.Name, reason));
                diagnostics.WriteLine($"skipped {photo.Name}: {reason}");
            }
        }

        string resultsPath = Path.Combine(request.OutputDirectory, request.Json ? "faces.json" : "faces.csv");
        WriteResults(resultsPath, request.Json, done, skipped);
        diagnostics.WriteLine($"Found {Counted.Of(done.Sum(photo => photo.Faces.Count), "face")} in {done.Count} of {Counted.Of(photos.Count, "file")}, skipped {skipped.Count}.");
        diagnostics.WriteLine($"Wrote {Path.GetFullPath(resultsPath)} and the annotated photos in {Path.GetFullPath(request.OutputDirectory)}.");
        return skipped.Count == 0 ? PredictionOutcome.AllScored : PredictionOutcome.SomeSkipped;
    }
}
