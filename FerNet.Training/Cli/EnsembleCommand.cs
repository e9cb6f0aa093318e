using System.CommandLine;
using System.Globalization;
using FerNet.Common.IO;
using FerNet.Tooling.Metrics;
using FerNet.Core.Models;
using FerNet.Inference;
using FerNet.Training.Data;
using FerNet.Training.Evaluation;
using FerNet.Training.Export;
using FerNet.Training.Reports;
using FerNet.Tooling.Terminal;
using FerNet.Training.Terminal;
using Google.Protobuf;
using Onnx;

namespace FerNet.Training.Cli;

/// <summary>`ensemble`: joins exported models into one, scored on validation (and test) through FerNet.Inference.</summary>
internal static class EnsembleCommand
{
    public static Command Create()
    {
        var models = new Option<string[]>("--model") { Description = "An exported FerNet .onnx model; give two or more (--model a.onnx --model b.onnx), or one ensemble with --leave-out.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "The ensemble .onnx file to write.", Required = true };
        var data = new Option<string>("--data") { Description = "FER2013 root or CSV: the ensemble is scored on the validation split (and the test split, when there is one) and the scores go into its metadata.", Required = true };
        var seed = new Option<int>("--seed") { Description = "The members' training --split-seed (or --seed where they set none): it chose the validation split, which no member may have trained on.", DefaultValueFactory = _ => 1 };
        var validationFraction = new Option<double>("--val-fraction") { Description = "The members' training --val-fraction.", DefaultValueFactory = _ => 0.1 };
        var validationOnly = new Option<bool>("--validation-only") { Description = "Score on the validation split alone, leaving the test split unseen: for comparing candidate ensembles before choosing one." };
        var leaveOut = new Option<int[]>("--leave-out") { Description = "A single model to leave out, by its position among the single models of the --model files (from 0, in the order given; an ensemble file's members in the order its architecture metadata lists them); repeat for more.", AllowMultipleArgumentsPerToken = true };
        var reports = new Option<string?>("--reports") { Description = "Write the validation report (validation.json) and the test report with its confusion-matrix pictures into this folder." };
        var command = new Command("ensemble", "Join exported models into one ONNX model that averages their logits.") { models, output, data, seed, validationFraction, validationOnly, leaveOut, reports };
        command.SetAction(result => Run(
            [.. result.GetValue(models)!.Select(path => CommandLineChecks.InputFile("--model", path))],
            Path.GetFullPath(CommandLineChecks.OutputFile("--out", result.GetValue(output)!)),
            DataLocation.Require(result.GetValue(data)!),
            result.GetValue(seed),
            CommandLineChecks.ValidationFraction("--val-fraction", result.GetValue(validationFraction)),
            result.GetValue(validationOnly),
            result.GetValue(leaveOut) ?? [],
            result.GetValue(reports) is string folder ? CommandLineChecks.OutputFolder("--reports", folder) : null));
        return command;
    }

    private static int Run(string[] modelPaths, string outputPath, string dataPath, int seed, double validationFraction, bool validationOnly, int[] leaveOut, string? reportDirectory)
    {
        TextWriter log = Console.Out;
        var members = modelPaths.Select(path => (Path: path, Model: OnnxEnsemble.ReadMember(path))).ToList();
        ModelProto ensemble = OnnxEnsemble.Combine(members, leaveOut);
        foreach ((string path, ModelProto model) in members)
        {
            log.WriteLine($"Member {path}: {OnnxEnsemble.Metadata(model, ModelMetadataKeys.Architecture)}, recorded validation accuracy {OnnxEnsemble.Metadata(model, ModelMetadataKeys.ValidationAccuracy) ?? "unknown"}.");
        }

        ClassificationReport validation;
        ClassificationReport? test = null;
        using (EmotionModel candidate = EmotionClassifier.FromStream(new MemoryStream(ensemble.ToByteArray())))
        {
            FaceDataset train = Fer2013.Load(dataPath, Fer2013Split.Train);
            FaceDataset held = train.Select(StratifiedSplit.Split(train, validationFraction, seed).Validation);
            validation = ConsoleProgressBar.Show(Console.Error, "Scoring", held.Count, "img", progress => OnnxModelEvaluation.Evaluate(candidate, held, progress));
            log.WriteLine($"Ensemble on the validation split ({held.Count} images):");
            log.WriteLine(validation.ToText(digits: 4));
            if (!validationOnly && TrainCommand.LoadTestSplit(dataPath, log) is { } testSplit)
            {
                test = ConsoleProgressBar.Show(Console.Error, "Scoring", testSplit.Count, "img", progress => OnnxModelEvaluation.Evaluate(candidate, testSplit, progress));
                log.WriteLine($"Ensemble on the test split ({testSplit.Count} images):");
                log.WriteLine(test.ToText(digits: 4));
            }
        }

        OnnxExporter.AddMetadata(ensemble, OnnxExporter.RunMetadata(new OnnxExportInfo
        {
            TrainingData = string.Create(
                CultureInfo.InvariantCulture,
                $"Ensemble of {members.Count} FerNet models, scored on the stratified {validationFraction:P0} of the FER2013 training split held out with seed {seed}: ")
                + string.Join("; ", members.Select((m, i) => $"m{i}: {OnnxEnsemble.Metadata(m.Model, ModelMetadataKeys.TrainingData) ?? "unknown"}"))
                + (leaveOut.Length > 0 ? $"; single models {string.Join(", ", leaveOut.Order())} of these left out" : ""),
            ValidationAccuracy = validation.Accuracy,
            TestAccuracy = test?.Accuracy,
        }));
        if (reportDirectory is not null)
        {
            Directory.CreateDirectory(reportDirectory);
            AtomicFile.WriteAllText(Path.Combine(reportDirectory, "validation.json"), validation.ToJson());
            if (test is not null)
            {
                TestReportFiles.Write(test, ensemble.Graph.Name, reportDirectory);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        AtomicFile.Write(outputPath, ensemble.WriteTo);
        log.WriteLine($"Wrote {outputPath}.");
        return 0;
    }
}
