using System.CommandLine;
using FerNet.Training.Data;
using FerNet.Training.Import;
using FerNet.Training.Models;
using FerNet.Training.Reports;
using FerNet.Training.Runs;
using FerNet.Tooling.Terminal;
using FerNet.Training.Terminal;

namespace FerNet.Training.Cli;

/// <summary>`train`: trains a model on FER2013 from a folder root or the challenge CSV.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "FER2013: a folder with train/<class>/*.jpg (Kaggle layout) or the challenge CSV (emotion,pixels,Usage).", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for checkpoints, history, reports and the exported model.", Required = true };
        var recipe = new Option<string>("--recipe") { Description = $"Training recipe: {string.Join(", ", TrainingRecipes.Names)}.", DefaultValueFactory = _ => TrainingRecipes.Names[0] };
        var arch = new Option<string?>("--arch") { Description = $"Architecture ({string.Join(", ", ModelCatalog.Names)}); default: the recipe's." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs (default: the recipe's)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Images per step (default: the recipe's)." };
        var learningRate = new Option<double?>("--lr") { Description = "Initial or peak learning rate (default: the recipe's)." };
        var seed = new Option<int>("--seed") { Description = "Seed for every random choice.", DefaultValueFactory = _ => 1 };
        var splitSeed = new Option<int?>("--split-seed") { Description = "Seed of the validation split alone (default: --seed); runs meant for one ensemble share it." };
        var validation = new Option<double>("--val-fraction") { Description = "Share of the training data held out for validation.", DefaultValueFactory = _ => 0.1 };
        var balance = new Option<int?>("--balance") { Description = "Balance every class to this many images (the seed's offline balancing); 0 turns it off." };
        var weighting = new Option<string?>("--class-weights") { Description = $"{OptionNames.Listed<ClassWeightingKind>()} (default: the recipe's)." };
        var earlyStopping = new Option<int?>("--early-stopping") { Description = "Stop after this many epochs (at least 1) without validation improvement; leave out to train every epoch." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last checkpoint." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Start a new run in --out even though it holds one: its checkpoints, history and model are replaced as the new run writes them. Without it (or --resume) train refuses a folder that holds a run." };
        var threads = new Option<int>("--threads") { Description = "CPU threads for TorchSharp (at least 1).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var device = new Option<string>("--device") { Description = "cpu (cuda needs a libtorch-cuda package, which this build does not reference).", DefaultValueFactory = _ => "cpu" };
        var initFrom = new Option<string?>("--init-from") { Description = "Start from the weights of this checkpoint or exported FerNet .onnx (same architecture, or a fer-vgg .onnx for --arch fer-vgg5, whose fifth stage and classifier start fresh), or of the ImageNet ResNet18.onnx of the Microsoft.ML.DnnImageFeaturizer.ResNet18 package (copied beside this program under DnnImageModels/ResNet18Onnx; for --arch resnet18, resnet18-l3 or resnet18-48, the classifier starting fresh), instead of a random initialisation; the optimiser and schedule start afresh." };
        var initMember = new Option<int?>("--init-member") { Description = "With an ensemble .onnx in --init-from: the position (0-based) of the member to start from." };
        var teacher = new Option<string?>("--teacher") { Description = "Distil from this FerNet .onnx (a single model or an ensemble): the student also learns its softened probabilities, scored once before training." };
        var distillWeight = new Option<double?>("--distill-weight") { Description = "With --teacher: share of the loss given to the teacher's targets, in [0, 1] (default 0.9)." };
        var temperature = new Option<double?>("--temperature") { Description = "With --teacher: temperature that softens teacher and student probabilities, at least 1 (default 4)." };
        var weightAverage = new Option<double?>("--weight-average") { Description = "Keep an exponential moving average of the weights with this decay per step (e.g. 0.999), validated beside the trained weights every epoch; the better one is kept as best." };
        var precision = new Option<string?>("--precision") { Description = "float32, or bfloat16: mixed-precision training steps over float32 weights; measured 1.5x faster for fer-vgg on an AMD EPYC with AVX-512 BF16, 0.84x on an Intel Xeon with AVX-512 BF16 but no AMX, and 1.4x on one with AMX, so run `benchmark` first (default: the recipe's)." };
        var channelsLast = new Option<bool>("--channels-last") { Description = "Lay each training batch out channels-last (NHWC), the layout oneDNN prefers on CPUs: faster on some CPUs, the same arithmetic up to rounding; `benchmark --channels-last` measures it." };
        var maxEpochs = new Option<int?>("--max-epochs-now") { Description = "Stop after this many epochs (at least 1) in this call (resume later to finish)." };
        var stopAfter = new Option<string?>("--stop-after") { Description = "Time budget of this call, e.g. 140m, 2h or 1h30m: start no epoch that would end past it (predicted from the latest epochs), stop after the last checkpoint and exit 0; resume later to finish." };
        var state = new Option<string?>("--state") { Description = "Folder (e.g. in the repository) that keeps the run's resumable state, replaced after every epoch: --resume continues from it when --out is gone or holds an older checkpoint." };

        var command = new Command("train", "Train a FerNet model on FER2013.")
        {
            data, output, recipe, arch, epochs, batchSize, learningRate, seed, splitSeed, validation, balance, weighting, earlyStopping, initFrom, initMember, teacher, distillWeight, temperature, weightAverage, precision, channelsLast, resume, overwrite, threads, device, maxEpochs, stopAfter, state,
        };
        command.SetAction(result =>
        {
            // The budget counts from here, so reading the data and scoring a teacher are part of it.
            TimeBudget? budget = result.GetValue(stopAfter) is string duration ? new TimeBudget(Duration("--stop-after", duration)) : null;
            if (result.GetValue(device) != "cpu")
            {
                throw new ArgumentException($"Device '{result.GetValue(device)}' is not available: this build references TorchSharp-cpu only.");
            }

            // libtorch aborts the process on a thread count below 1, and every check here costs
            // nothing next to the data reading and the epochs it would otherwise follow.
            int threadCount = CommandLineChecks.AtLeastOne("--threads", result.GetValue(threads));
            int? epochsNow = result.GetValue(maxEpochs) is int now ? CommandLineChecks.AtLeastOne("--max-epochs-now", now) : null;
            string outputDirectory = CommandLineChecks.OutputFolder("--out", result.GetValue(output)!);
            string? stateDirectory = result.GetValue(state) is string stateFolder ? CommandLineChecks.OutputFolder("--state", stateFolder) : null;
            RequireNoOtherRun(outputDirectory, stateDirectory, result.GetValue(resume), result.GetValue(overwrite));
            foreach ((string option, string? path) in new[] { ("--init-from", result.GetValue(initFrom)), ("--teacher", result.GetValue(teacher)) })
            {
                if (path is not null)
                {
                    CommandLineChecks.InputFile(option, path);
                }
            }

            TrainingOptions options = TrainingRecipes.Create(result.GetValue(recipe)!);
            options = options with
            {
                Architecture = result.GetValue(arch) ?? StartingArchitecture(result.GetValue(initFrom), result.GetValue(initMember)) ?? options.Architecture,
                Epochs = result.GetValue(epochs) ?? options.Epochs,
                BatchSize = result.GetValue(batchSize) ?? options.BatchSize,
                LearningRate = result.GetValue(learningRate) ?? options.LearningRate,
                Seed = result.GetValue(seed),
                SplitSeed = result.GetValue(splitSeed),
                ValidationFraction = result.GetValue(validation),
                BalancePerClass = result.GetValue(balance) is int b ? (b == 0 ? null : b) : options.BalancePerClass,
                ClassWeighting = result.GetValue(weighting) is string weights ? OptionNames.Parse<ClassWeightingKind>(weights, "class weighting") : options.ClassWeighting,
                EarlyStoppingPatience = result.GetValue(earlyStopping) is int patience ? CommandLineChecks.AtLeastOne("--early-stopping", patience) : null,
                InitialWeights = result.GetValue(initFrom) is string start ? Path.GetFullPath(start) : null,
                InitialMember = result.GetValue(initMember),
                Teacher = result.GetValue(teacher) is string teacherPath ? Path.GetFullPath(teacherPath) : null,
                DistillationWeight = result.GetValue(distillWeight) ?? options.DistillationWeight,
                Temperature = result.GetValue(temperature) ?? options.Temperature,
                WeightAverageDecay = result.GetValue(weightAverage),
                Precision = result.GetValue(precision) is string arithmetic ? OptionNames.Parse<TrainingPrecision>(arithmetic, "precision") : options.Precision,
                ChannelsLast = result.GetValue(channelsLast),
            };
            TorchSharp.torch.set_num_threads(threadCount);
            return Run(options, DataLocation.Require(result.GetValue(data)!), outputDirectory, new TrainingCall(result.GetValue(resume), epochsNow, budget, stateDirectory));
        });
        return command;
    }

    /// <summary>
    /// Refuses to start a new run where one already is: its checkpoints would be replaced after the
    /// first epoch, and a forgotten --resume would lose the work they hold.
    /// </summary>
    /// <exception cref="ArgumentException">The folder (or the state folder) holds a run and neither --resume nor --overwrite was given, or both were.</exception>
    private static void RequireNoOtherRun(string outputDirectory, string? stateDirectory, bool resume, bool overwrite)
    {
        if (resume && overwrite)
        {
            throw new ArgumentException("--resume continues the run in --out and --overwrite replaces it: give one of them.");
        }

        if (resume || overwrite)
        {
            return;
        }

        string[] runFiles = [Trainer.LastCheckpointName, Trainer.BestCheckpointName, Trainer.HistoryFileName, RunReportWriter.ModelFileName];
        if (runFiles.FirstOrDefault(file => File.Exists(Path.Combine(outputDirectory, file))) is string found)
        {
            throw new ArgumentException($"'{Path.GetFullPath(outputDirectory)}' already holds a run ({found}): continue it with --resume, or start over with --overwrite.");
        }

        if (stateDirectory is not null && File.Exists(Path.Combine(stateDirectory, Trainer.LastCheckpointName)))
        {
            throw new ArgumentException($"--state '{Path.GetFullPath(stateDirectory)}' already holds a run's state ({Trainer.LastCheckpointName}): continue it with --resume, or start over with --overwrite.");
        }
    }

    /// <summary>A --stop-after duration such as 140m, 2h or 1h30m.</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not a positive duration.</exception>
    private static TimeSpan Duration(string option, string text)
    {
        try
        {
            return TimeBudget.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{option}: {e.Message}", e);
        }
    }

    /// <summary>The architecture an exported .onnx to start from names, so that --arch can be left out; null for a checkpoint or none.</summary>
    private static string? StartingArchitecture(string? initFrom, int? member) =>
        initFrom is not null && OnnxWeightImport.IsOnnxPath(initFrom) && File.Exists(initFrom) ? OnnxWeightImport.ReadArchitecture(initFrom, member) : null;

    /// <summary>The PublicTest split when the data has one; null (with a note) when it does not.</summary>
    internal static FaceDataset? LoadTestSplit(string dataPath, TextWriter log)
    {
        try
        {
            return Fer2013.Load(dataPath, Fer2013Split.PublicTest);
        }
        catch (DatasetFormatException e) when (!Directory.Exists(Path.Combine(dataPath, "test")) && !File.Exists(dataPath))
        {
            log.WriteLine($"No test split to report on: {e.Message}");
            return null;
        }
    }

    private static int Run(TrainingOptions options, string dataPath, string outputDirectory, TrainingCall call)
    {
        TextWriter log = Console.Out;
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                log.WriteLine();
                log.WriteLine("Ctrl+C: stopping after this batch (press again to abort at once).");
                cancellation.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return Run(options, dataPath, outputDirectory, call, log, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Trains, then says how the call ended and, when the run is finished, writes its reports.</summary>
    /// <returns>The exit code: 0, or 130 when <paramref name="cancellation"/> stopped the run.</returns>
    internal static int Run(TrainingOptions options, string dataPath, string outputDirectory, TrainingCall call, TextWriter log, CancellationToken cancellation)
    {
        var trainer = new Trainer(options, outputDirectory, log, call.StateDirectory);
        log.WriteLine($"Reading {dataPath} ...");
        var reading = new ConsoleProgressBar(log, "Reading", 100, ConsoleProgressBar.PercentUnit);
        FaceDataset trainingData = Fer2013.Load(dataPath, Fer2013Split.Train, new Fer2013LoadOptions
        {
            Progress = new Progress<DatasetLoadProgress>(p => reading.Report((long)(p.Fraction * 100))),
        });
        reading.Finish();
        TrainingSplit split = TrainingSplit.Create(trainingData, options);
        log.WriteLine(split.Describe());

        var progress = new TrainingProgressBar(log);
        TrainingResult run;
        try
        {
            run = trainer.Train(split, call.Resume, cancellation, call.MaxEpochs, progress, call.Budget);
        }
        finally
        {
            progress.Finish();
        }

        string resumeOptions = call.StateDirectory is null ? "--resume" : $"--resume --state {call.StateDirectory}";
        if (cancellation.IsCancellationRequested)
        {
            if (!run.Finished)
            {
                log.WriteLine(run.History.Count == 0
                    ? $"Interrupted during epoch 1: no epoch has finished, so nothing was saved and there is nothing to resume; start the run again{(File.Exists(trainer.LastCheckpointPath) ? $" with --overwrite (the {Trainer.LastCheckpointName} in --out belongs to the run this one replaces)" : "")}."
                    : $"Interrupted during epoch {run.History.Count + 1}: its partial work is discarded; {Trainer.LastCheckpointName} holds epoch {run.History.Count}. Continue with {resumeOptions}.");
            }

            return 130;
        }

        if (!run.Finished)
        {
            log.WriteLine(run.OutOfTime
                ? $"Stopped before epoch {run.History.Count + 1} of {options.Epochs}: it would end past --stop-after {call.Budget!.Limit:g} (elapsed {call.Budget.Elapsed:hh\\:mm\\:ss}; epochs take about {TimeSpan.FromSeconds(run.History[^1].Seconds):hh\\:mm\\:ss}). {Trainer.LastCheckpointName} holds epoch {run.History.Count}. Continue with {resumeOptions}."
                : $"Stopped after epoch {run.History[^1].Epoch} of {options.Epochs} as asked; continue with {resumeOptions}.");
            return 0;
        }

        RunReportWriter.Write(
            run.BestCheckpointPath,
            LoadTestSplit(dataPath, log),
            outputDirectory,
            Path.Combine(outputDirectory, RunReportWriter.ModelFileName),
            log,
            run.History);
        return 0;
    }
}
