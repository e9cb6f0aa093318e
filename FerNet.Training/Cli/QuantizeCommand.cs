using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using FerNet.Core;
using FerNet.Common.IO;
using FerNet.Tooling.Metrics;
using FerNet.Core.Models;
using FerNet.Inference;
using FerNet.Training.Data;
using FerNet.Training.Evaluation;
using FerNet.Training.Quantization;
using Google.Protobuf;
using Onnx;

namespace FerNet.Training.Cli;

/// <summary>
/// `quantize`: static post-training int8 quantization of an exported model (single or ensemble),
/// calibrated on FER2013 training images, scored against its float32 source on the validation split
/// and, when the data has one, the test split.
/// </summary>
internal static class QuantizeCommand
{
    /// <summary>The validation accuracy, in percentage points, an int8 model may lose unless the user allows more.</summary>
    public const double DefaultMaxValidationLoss = 0.5;

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The float32 FerNet .onnx model (single or ensemble) to quantize.", Required = true };
        var data = new Option<string>("--data") { Description = "FER2013 root or CSV: calibration images come from its training split, outside the validation split; both models are scored on the validation split (and the test split, when there is one) and the scores go into the int8 model's metadata.", Required = true };
        var output = new Option<string>("--out") { Description = "The int8 .onnx file to write.", Required = true };
        var count = new Option<int>("--calibration-images") { Description = "How many training images calibrate the activation ranges.", DefaultValueFactory = _ => 1024 };
        var method = new Option<string>("--method") { Description = "How activation ranges are chosen: minmax (smallest and largest value seen) or percentile (see --percentile).", DefaultValueFactory = _ => "minmax" };
        var percentile = new Option<double>("--percentile") { Description = "With --method percentile: the share of values, in percent, each range covers.", DefaultValueFactory = _ => 99.999 };
        var floatLayers = new Option<string[]>("--keep-float") { Description = "A Conv or Gemm layer to leave in float32, by name (in an ensemble, in every member); repeat for more.", AllowMultipleArgumentsPerToken = true };
        var head = new Option<bool>("--quantize-head") { Description = "Quantize the classifier head too (global pooling and fully connected layers after the last convolution); by default it stays float32, costing under 0.1 % of the multiply-adds." };
        var seed = new Option<int>("--seed") { Description = "The training run's --split-seed (or --seed): it chose the validation split, which calibration leaves out and scoring uses.", DefaultValueFactory = _ => 1 };
        var validationFraction = new Option<double>("--val-fraction") { Description = "The training run's --val-fraction.", DefaultValueFactory = _ => 0.1 };
        var maxLoss = new Option<double>("--max-validation-loss") { Description = "The most validation accuracy, in percentage points, the int8 model may lose against its float32 source; a model that loses more is not written (exit code 3).", DefaultValueFactory = _ => DefaultMaxValidationLoss };
        var command = new Command("quantize", "Quantize a model to int8 (QDQ: int8 weights per output channel, uint8 activations) for ONNX Runtime's integer kernels.")
        {
            model, data, output, count, method, percentile, floatLayers, head, seed, validationFraction, maxLoss,
        };
        command.SetAction(result =>
        {
            var options = new QuantizationOptions
            {
                Method = result.GetValue(method) switch
                {
                    "minmax" => CalibrationMethod.MinMax,
                    "percentile" => CalibrationMethod.Percentile,
                    var other => throw new ArgumentException($"Unknown calibration method '{other}': use minmax or percentile."),
                },
                Percentile = result.GetValue(percentile),
                FloatLayers = result.GetValue(floatLayers) ?? [],
                QuantizeHead = result.GetValue(head),
            };
            int images = result.GetValue(count);
            if (images < 1)
            {
                throw new ArgumentException($"--calibration-images must be at least 1; got {images}.");
            }

            double lossBound = result.GetValue(maxLoss);
            if (!(lossBound >= 0 && lossBound <= 100))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--max-validation-loss must be between 0 and 100 percentage points; got {lossBound}."));
            }

            return Run(
                CommandLineChecks.InputFile("--model", result.GetValue(model)!),
                DataLocation.Require(result.GetValue(data)!),
                Path.GetFullPath(CommandLineChecks.OutputFile("--out", result.GetValue(output)!)),
                images,
                options,
                result.GetValue(seed),
                result.GetValue(validationFraction),
                lossBound,
                result.InvocationConfiguration.Output);
        });
        return command;
    }

    private static int Run(string modelPath, string dataPath, string outputPath, int images, QuantizationOptions options, int seed, double validationFraction, double maxLossPoints, TextWriter log)
    {
        ModelProto source = QuantizationSource.Read(modelPath);
        FaceDataset train = Fer2013.Load(dataPath, Fer2013Split.Train);
        (int[] trainIndices, int[] validationIndices) = StratifiedSplit.Split(train, validationFraction, seed);
        // A seeded shuffle, so the same arguments calibrate on the same images.
        int[] shuffled = [.. trainIndices];
        new Random(seed).Shuffle(shuffled);
        int[] calibrationIndices = [.. shuffled.Take(images)];
        float[] pixels = new float[calibrationIndices.Length * FaceInputContract.PixelCount];
        for (int i = 0; i < calibrationIndices.Length; i++)
        {
            ReadOnlySpan<byte> image = train.Image(calibrationIndices[i]);
            for (int p = 0; p < image.Length; p++)
            {
                pixels[(i * FaceInputContract.PixelCount) + p] = image[p] * FaceInputContract.PixelScale;
            }
        }

        (ModelProto quantized, IReadOnlyList<string> layers) = QdqQuantizer.Quantize(source, pixels, options);
        string floatPart = string.Join(", ", (options.QuantizeHead ? [] : new[] { "classifier head" }).Concat(options.FloatLayers).DefaultIfEmpty("none"));
        log.WriteLine($"Quantized {layers.Count} layers of {source.Graph.Name} to int8 ({string.Join(", ", layers)}); float32: {floatPart}.");

        IReadOnlyList<string> violations = SaturationBound.Violations(quantized);
        if (violations.Count > 0)
        {
            throw new InvalidOperationException($"The quantized {source.Graph.Name} breaks the saturation bound: {string.Join(" ", violations)}");
        }

        log.WriteLine($"Saturation bound kept: weights within ±{SaturationBound.WeightLimit}, activations uint8, so no pair of products exceeds {SaturationBound.MaxPairSum:N0} (int16 holds {short.MaxValue:N0}) on any CPU.");

        IReadOnlyDictionary<string, int> fused = OptimizedGraph.OperatorCounts(quantized.ToByteArray());
        log.WriteLine("ONNX Runtime runs: " + string.Join(", ", fused.OrderByDescending(p => p.Value).Select(p => $"{p.Key} x{p.Value}")) + ".");

        FaceDataset validation = train.Select(validationIndices);
        ClassificationReport floatReport = Score(source, validation);
        ClassificationReport intReport = Score(quantized, validation);
        log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Validation split ({validation.Count} images): float32 {floatReport.Accuracy:P2} (macro F1 {floatReport.MacroF1:F4}), int8 {intReport.Accuracy:P2} (macro F1 {intReport.MacroF1:F4}), {100 * (intReport.Accuracy - floatReport.Accuracy):+0.00;-0.00} points."));

        RequireLossWithin(maxLossPoints, floatReport, intReport, modelPath, outputPath);

        ClassificationReport? floatTest = null;
        ClassificationReport? intTest = null;
        if (TrainCommand.LoadTestSplit(dataPath, log) is { } test)
        {
            floatTest = Score(source, test);
            intTest = Score(quantized, test);
            log.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Test split ({test.Count} images): float32 {floatTest.Accuracy:P2} (macro F1 {floatTest.MacroF1:F4}), int8 {intTest.Accuracy:P2} (macro F1 {intTest.MacroF1:F4}), {100 * (intTest.Accuracy - floatTest.Accuracy):+0.00;-0.00} points."));
        }

        string calibration = string.Create(
            CultureInfo.InvariantCulture,
            $"{(options.Method == CalibrationMethod.MinMax ? "minmax" : $"percentile {options.Percentile}")} over {calibrationIndices.Length} FER2013 training images drawn with seed {seed} outside the stratified {validationFraction:P0} validation split");
        SetMetadata(quantized, ModelMetadataKeys.Quantization, $"int8 QDQ: weights int8 symmetric per output channel within ±{SaturationBound.WeightLimit}, activations uint8 per tensor, biases int32; float32: " + floatPart);
        SetMetadata(quantized, ModelMetadataKeys.Calibration, calibration);
        SetMetadata(quantized, ModelMetadataKeys.ValidationAccuracy, intReport.Accuracy.ToString("R", CultureInfo.InvariantCulture));
        SetMetadata(quantized, ModelMetadataKeys.SourceModel, $"{Path.GetFileName(modelPath)}, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath)))}");
        SetMetadata(quantized, ModelMetadataKeys.SourceValidationAccuracy, floatReport.Accuracy.ToString("R", CultureInfo.InvariantCulture));
        // Both test scores are the models' own, measured here; without a test split neither is recorded.
        SetMetadata(quantized, ModelMetadataKeys.TestAccuracy, intTest?.Accuracy.ToString("R", CultureInfo.InvariantCulture));
        SetMetadata(quantized, ModelMetadataKeys.SourceTestAccuracy, floatTest?.Accuracy.ToString("R", CultureInfo.InvariantCulture));
        SetMetadata(quantized, ModelMetadataKeys.FerNetVersion, typeof(QuantizeCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
        SetMetadata(quantized, ModelMetadataKeys.CreatedUtc, DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        quantized.DocString = $"{source.DocString} Quantized to int8 (QDQ), calibrated by {calibration}.";

        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        AtomicFile.Write(outputPath, quantized.WriteTo);
        log.WriteLine($"Wrote {outputPath} ({new FileInfo(outputPath).Length:N0} bytes; float32 source {new FileInfo(modelPath).Length:N0}).");
        return 0;
    }

    /// <summary>Refuses an int8 model that loses more than <paramref name="maxLossPoints"/> percentage points of validation accuracy against its source.</summary>
    /// <exception cref="QuantizationLossException">It does, naming the model, both accuracies and the file not written.</exception>
    internal static void RequireLossWithin(double maxLossPoints, ClassificationReport source, ClassificationReport int8, string modelPath, string outputPath)
    {
        double lostPoints = 100 * (source.Accuracy - int8.Accuracy);
        // Accuracies are ratios of image counts: a loss of exactly the bound must not exceed it by a rounding error.
        if (Math.Round(lostPoints, 9) > maxLossPoints)
        {
            throw new QuantizationLossException(string.Create(
                CultureInfo.InvariantCulture,
                $"The int8 model of {Path.GetFileName(modelPath)} loses {lostPoints:0.00} points on the validation split ({source.Accuracy:P2} → {int8.Accuracy:P2}), more than --max-validation-loss {maxLossPoints}; {outputPath} was not written."));
        }
    }

    private static ClassificationReport Score(ModelProto model, FaceDataset data)
    {
        using EmotionModel loaded = EmotionClassifier.FromStream(new MemoryStream(model.ToByteArray()));
        return OnnxModelEvaluation.Evaluate(loaded, data);
    }

    private static void SetMetadata(ModelProto model, string key, string? value)
    {
        if (model.MetadataProps.FirstOrDefault(p => p.Key == key) is { } existing)
        {
            model.MetadataProps.Remove(existing);
        }

        if (value is not null)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
    }
}
