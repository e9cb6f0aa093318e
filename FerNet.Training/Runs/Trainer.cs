using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FerNet.Core;
using FerNet.Common.IO;
using FerNet.Tooling.Metrics;
using FerNet.Training.Checkpoints;
using FerNet.Training.Data;
using FerNet.Training.Distillation;
using FerNet.Training.Evaluation;
using FerNet.Training.Import;
using FerNet.Training.Models;
using FerNet.Training.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Runs;

/// <summary>
/// The training step of a run: trains on a <see cref="TrainingSplit"/> epoch by epoch, validates,
/// schedules the learning rate, checkpoints atomically after every epoch and keeps the best weights
/// by validation accuracy; it reports its progress and returns a <see cref="TrainingResult"/>. Every
/// random choice of epoch e is seeded from (seed, e), so resuming after epoch e replays exactly what
/// an uninterrupted run would have done.
/// </summary>
internal sealed class Trainer
{
    /// <summary>File name of the checkpoint written after every epoch (weights and optimiser state).</summary>
    public const string LastCheckpointName = "last.ckpt";

    /// <summary>File name of the checkpoint with the best validation accuracy (weights only).</summary>
    public const string BestCheckpointName = "best.ckpt";

    /// <summary>File name of the weight average's checkpoint, written after every epoch when the run keeps one.</summary>
    public const string LastAverageCheckpointName = "last-average.ckpt";

    /// <summary>Images whose statistics restore BatchNorm layers read back folded from an .onnx.</summary>
    private const int CalibrationImages = 1024;

    /// <summary>File name of the per-epoch history, rewritten after every epoch.</summary>
    public const string HistoryFileName = "history.json";

    private readonly TrainingOptions _options;
    private readonly string _outputDirectory;
    private readonly TextWriter _log;
    private readonly string? _stateDirectory;

    /// <summary>Prepares a run of <paramref name="options"/> writing into <paramref name="outputDirectory"/>.</summary>
    /// <param name="options">The run's options; checked here.</param>
    /// <param name="outputDirectory">Folder of the run's checkpoints and history.</param>
    /// <param name="log">Where the run's notes go: resuming, class weights, early stopping.</param>
    /// <param name="stateDirectory">
    /// A folder that keeps the run's <see cref="RunState"/> beside the run folder, replaced after every
    /// epoch and resumed from when the run folder has no checkpoint or an older one; null: none.
    /// </param>
    public Trainer(TrainingOptions options, string outputDirectory, TextWriter log, string? stateDirectory = null)
    {
        options.Validate();
        _options = options;
        _outputDirectory = outputDirectory;
        _log = log;
        _stateDirectory = stateDirectory;
    }

    /// <summary>Path of the per-epoch checkpoint.</summary>
    public string LastCheckpointPath => Path.Combine(_outputDirectory, LastCheckpointName);

    /// <summary>Path of the best checkpoint.</summary>
    public string BestCheckpointPath => Path.Combine(_outputDirectory, BestCheckpointName);

    /// <summary>
    /// Trains on <paramref name="data"/> until the configured epochs are done, early stopping
    /// triggers or <paramref name="cancellation"/> fires (then the epoch in progress is discarded,
    /// the last finished epoch's checkpoint is kept and the method returns).
    /// </summary>
    /// <param name="data">The split of these options (<see cref="TrainingSplit.Create"/>).</param>
    /// <param name="resume">Continue from <see cref="LastCheckpointPath"/>.</param>
    /// <param name="cancellation">Stops after the current batch.</param>
    /// <param name="maxEpochsThisCall">Stop after this many epochs even if the run is not finished (for tests and time-boxed runs).</param>
    /// <param name="progress">Told after every batch and every finished epoch.</param>
    /// <param name="budget">Start no epoch that would end past this budget (predicted from the latest epochs); null: no limit.</param>
    public TrainingResult Train(TrainingSplit data, bool resume, CancellationToken cancellation, int? maxEpochsThisCall = null, IProgress<TrainingProgress>? progress = null, TimeBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Directory.CreateDirectory(_outputDirectory);
        manual_seed(_options.Seed);
        using FerModel model = CreateModel(_options);
        using optim.Optimizer optimizer = CreateOptimizer(model, _options);
        int stepsPerEpoch = (data.Train.Count + _options.BatchSize - 1) / _options.BatchSize;
        var schedule = new LearningRateSchedule(_options, (long)stepsPerEpoch * _options.Epochs);
        var history = new List<EpochRecord>();
        long step = 0;
        double bestAccuracy = double.NegativeInfinity;
        int bestEpoch = 0;

        if (resume)
        {
            int? restored = _stateDirectory is null ? null : RunState.RestoreInto(_stateDirectory, _outputDirectory);
            if (restored is not null)
            {
                _log.WriteLine($"Restored the run's state after epoch {restored} from {_stateDirectory} into {_outputDirectory}.");
            }

            CheckpointHeader header = TrainingCheckpoint.Restore(LastCheckpointPath, model, optimizer);
            if (header.Options with { Epochs = _options.Epochs } != _options with { Epochs = _options.Epochs })
            {
                throw new InvalidCheckpointException(LastCheckpointPath, "it was written by a run with other options; resume with the same settings (only --epochs may change).");
            }

            history.AddRange(header.History);
            if (restored is not null)
            {
                WriteHistory(history);
            }

            step = header.GlobalStep;
            bestAccuracy = header.BestValidationAccuracy;
            bestEpoch = header.BestEpoch;
            schedule = new LearningRateSchedule(_options, (long)stepsPerEpoch * _options.Epochs, header.Plateau);
            _log.WriteLine($"Resuming after epoch {header.EpochsCompleted} (best validation accuracy {bestAccuracy:P2} at epoch {bestEpoch}).");
        }
        else if (_options.InitialWeights is string initial)
        {
            StartFrom(initial, model, data.Train);
        }

        using WeightAverage? average = _options.WeightAverageDecay is double decay ? new WeightAverage(model, decay) : null;
        if (resume && average is not null)
        {
            TrainingCheckpoint.LoadWeightsInto(Path.Combine(_outputDirectory, LastAverageCheckpointName), average.Model);
        }

        float[]? teacherTargets = _options.Teacher is string teacher ? TeacherTargets.Load(teacher, data.Train, _outputDirectory, _log) : null;
        bool finished = history.Count >= _options.Epochs;
        using Tensor? classWeights = ClassWeights(data.Train);
        int firstEpoch = history.Count + 1;
        int lastEpoch = Math.Min(_options.Epochs, maxEpochsThisCall is int max ? firstEpoch + max - 1 : int.MaxValue);
        bool outOfTime = false;

        // Until this call has timed an epoch, the earlier sittings' epochs predict the next one.
        List<TimeSpan> epochTimes = [.. history.Select(record => TimeSpan.FromSeconds(record.Seconds))];
        for (int epoch = firstEpoch; epoch <= lastEpoch; epoch++)
        {
            if (budget is not null && !budget.AllowsEpoch(epochTimes))
            {
                outOfTime = true;
                break;
            }

            var clock = Stopwatch.StartNew();
            TimeSpan processorTimeBefore = Environment.CpuUsage.TotalTime;
            (double trainLoss, double trainAccuracy, long steps, bool completed) = TrainEpoch(model, optimizer, schedule, data.Train, classWeights, teacherTargets, average, epoch, step, progress, cancellation);
            if (!completed)
            {
                break;
            }

            step += steps;
            (float[] probabilities, double validationLoss) = ModelEvaluation.Predict(model, data.Validation);
            var validation = ClassificationReport.FromPredictions(data.Validation.Labels, ModelEvaluation.ArgMax(probabilities));
            double validationAccuracy = validation.Accuracy;
            double rate = schedule.RateAt(Math.Max(0, step - 1));
            bool reduced = schedule.EndEpoch(validationAccuracy);
            double? averageAccuracy = average is null ? null : ClassificationReport.FromPredictions(data.Validation.Labels, ModelEvaluation.ArgMax(ModelEvaluation.Predict(average.Model, data.Validation).Probabilities)).Accuracy;
            var record = new EpochRecord(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, validation.MacroF1, rate, clock.Elapsed.TotalSeconds)
            {
                AverageValidationAccuracy = averageAccuracy,
                CpuSeconds = (Environment.CpuUsage.TotalTime - processorTimeBefore).TotalSeconds,
            };
            history.Add(record);

            // The weight average is kept as best only where it validates better than the trained weights.
            bool averageIsBetter = averageAccuracy > validationAccuracy;
            double epochAccuracy = averageIsBetter ? averageAccuracy!.Value : validationAccuracy;
            bool improved = epochAccuracy > bestAccuracy;
            if (improved)
            {
                bestAccuracy = epochAccuracy;
                bestEpoch = epoch;
            }

            var header = new CheckpointHeader(model.Architecture, _options, epoch, step, bestAccuracy, bestEpoch, epochAccuracy, history.ToArray(), schedule.State, DateTimeOffset.UtcNow, data.ClassCounts);
            if (improved)
            {
                TrainingCheckpoint.Save(BestCheckpointPath, header, averageIsBetter ? average!.Model : model, optimizer: null);
            }

            if (average is not null)
            {
                TrainingCheckpoint.Save(Path.Combine(_outputDirectory, LastAverageCheckpointName), header, average.Model, optimizer: null);
            }

            TrainingCheckpoint.Save(LastCheckpointPath, header, model, optimizer);
            WriteHistory(history);
            if (_stateDirectory is not null)
            {
                RunState.Save(_outputDirectory, _stateDirectory);
            }

            if (epoch == firstEpoch)
            {
                epochTimes.Clear();
            }

            epochTimes.Add(clock.Elapsed);
            progress?.Report(new TrainingProgress(epoch, _options.Epochs, data.Train.Count, data.Train.Count, trainLoss, trainAccuracy)
            {
                Completed = record,
                IsBest = improved,
                LearningRateReduced = reduced,
            });

            finished = epoch == _options.Epochs;
            if (_options.EarlyStoppingPatience is int patience && epoch - bestEpoch >= patience)
            {
                finished = true;
                _log.WriteLine($"Early stopping: no validation improvement for {patience} epochs.");
                break;
            }
        }

        return new TrainingResult(BestCheckpointPath, LastCheckpointPath, bestEpoch, history, finished) { OutOfTime = outOfTime };
    }

    private (double Loss, double Accuracy, long Steps, bool Completed) TrainEpoch(
        FerModel model, optim.Optimizer optimizer, LearningRateSchedule schedule, FaceDataset train, Tensor? classWeights, float[]? teacherTargets, WeightAverage? average, int epoch, long firstStep, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        model.train();
        manual_seed(EpochSeed(epoch));
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        new Random(EpochSeed(epoch)).Shuffle(order);
        using var batches = new TrainingBatches(train, order, _options.BatchSize, _options.Augmentation, (ulong)EpochSeed(epoch) * 31 + 7);
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        long steps = 0;
        foreach ((Tensor images, Tensor labels) in batches.Batches())
        {
            using Tensor batchImages = images;
            using Tensor batchLabels = labels;
            using var scope = NewDisposeScope();
            if (cancellation.IsCancellationRequested)
            {
                return (0, 0, steps, false);
            }

            double rate = schedule.RateAt(firstStep + steps);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = rate;
            }

            long count = labels.shape[0];
            Tensor? targets = teacherTargets is null ? null : TeacherBatch(teacherTargets, order.AsSpan((int)seen, (int)count));
            Tensor input = _options.ChannelsLast ? ChannelsLastLayout.Copy(images) : images;
            (float loss, long batchCorrect) = Step(model, optimizer, input, labels, classWeights, _options.LabelSmoothing, targets, _options.DistillationWeight, _options.Temperature);
            average?.Update(model);
            lossSum += loss * count;
            correct += batchCorrect;
            seen += count;
            steps++;
            progress?.Report(new TrainingProgress(epoch, _options.Epochs, seen, train.Count, lossSum / seen, (double)correct / seen));
        }

        return (lossSum / Math.Max(1, seen), (double)correct / Math.Max(1, seen), steps, true);
    }

    /// <summary>One optimiser step on a batch; returns the batch's loss and how many images it classified correctly.</summary>
    /// <param name="model">The model to train, in training mode.</param>
    /// <param name="optimizer">The optimiser over its parameters.</param>
    /// <param name="images">[B, 1, 48, 48] pixel/255.</param>
    /// <param name="labels">[B] class indices.</param>
    /// <param name="classWeights">Per-class weights of the cross-entropy, or null.</param>
    /// <param name="labelSmoothing">Label smoothing of the cross-entropy.</param>
    /// <param name="teacherLogProbabilities">A teacher's [B, 7] log-probabilities for the batch (distillation), or null for labels alone.</param>
    /// <param name="distillationWeight">With a teacher: the share α of <see cref="DistillationLoss"/>; the cross-entropy gets 1 − α.</param>
    /// <param name="temperature">With a teacher: the distillation temperature.</param>
    internal static (float Loss, long Correct) Step(
        FerModel model, optim.Optimizer optimizer, Tensor images, Tensor labels, Tensor? classWeights, double labelSmoothing, Tensor? teacherLogProbabilities = null, double distillationWeight = 0, double temperature = 1)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        Tensor logits = model.forward(images);
        Tensor loss = nn.functional.cross_entropy(logits, labels, classWeights, label_smoothing: labelSmoothing);
        if (teacherLogProbabilities is not null)
        {
            loss = loss * (1 - distillationWeight) + DistillationLoss.Compute(logits, teacherLogProbabilities, temperature) * distillationWeight;
        }

        if (model.HasL2Penalty)
        {
            loss = loss + model.L2Penalty();
        }

        loss.backward();
        optimizer.step();
        return (loss.ToSingle(), logits.argmax(1).eq(labels).sum().item<long>());
    }

    /// <summary>The teacher's targets for the images at <paramref name="indices"/>, [B, 7].</summary>
    private static Tensor TeacherBatch(float[] targets, ReadOnlySpan<int> indices)
    {
        var batch = new float[indices.Length * EmotionLabels.Count];
        for (int i = 0; i < indices.Length; i++)
        {
            targets.AsSpan(indices[i] * EmotionLabels.Count, EmotionLabels.Count).CopyTo(batch.AsSpan(i * EmotionLabels.Count));
        }

        return tensor(batch, [indices.Length, EmotionLabels.Count]);
    }

    /// <summary>Loads the starting weights of <see cref="TrainingOptions.InitialWeights"/>: a checkpoint, or an exported .onnx.</summary>
    private void StartFrom(string initial, FerModel model, FaceDataset train)
    {
        if (!OnnxWeightImport.IsOnnxPath(initial))
        {
            CheckpointHeader start = TrainingCheckpoint.LoadWeightsInto(initial, model);
            _log.WriteLine($"Starting from the weights of {initial} (epoch {start.EpochsCompleted}, validation accuracy {start.ValidationAccuracy:P2}).");
            return;
        }

        ImportedWeights imported = OnnxWeightImport.ReadInto(initial, model, _options.InitialMember);
        int[] sample = Enumerable.Range(0, train.Count).ToArray();
        new Random(_options.Seed).Shuffle(sample);
        using (Tensor images = BatchTensors.Pixels(train, sample.AsSpan(0, Math.Min(CalibrationImages, sample.Length))))
        {
            FoldedNormCalibration.Calibrate(model, imported.FoldedNorms, images);
        }

        string member = imported.Member is int index ? $" member {index}" : "";
        string accuracy = imported.ValidationAccuracy is double v ? $", validation accuracy {v:P2} as recorded" : "";
        string fresh = imported.FreshLayers.Count == 0 ? "" : $"; new in {model.Architecture}, initialised afresh: {string.Join(", ", imported.FreshLayers)}";
        _log.WriteLine($"Starting from the weights of {initial}{member} ({imported.Architecture}{accuracy}; {imported.FoldedNorms.Count} folded BatchNorm layers recalibrated on {Math.Min(CalibrationImages, train.Count)} training images{fresh}).");
    }

    /// <summary>A freshly initialised model of the options' architecture, computing in their precision.</summary>
    internal static FerModel CreateModel(TrainingOptions options)
    {
        FerModel model = ModelCatalog.Create(options.Architecture);
        model.TrainInBFloat16 = options.Precision == TrainingPrecision.BFloat16;
        return model;
    }

    /// <summary>The optimiser the options ask for, over <paramref name="model"/>'s parameters.</summary>
    internal static optim.Optimizer CreateOptimizer(FerModel model, TrainingOptions options) => options.Optimizer switch
    {
        // Keras' Adam uses epsilon 1e-7 where PyTorch uses 1e-8.
        OptimizerKind.Adam => optim.Adam(model.parameters(), options.LearningRate, eps: 1e-7, weight_decay: options.WeightDecay),
        OptimizerKind.Sgd => optim.SGD(model.parameters(), options.LearningRate, momentum: 0.9, weight_decay: options.WeightDecay, nesterov: true),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
    };

    private int EpochSeed(int epoch) => unchecked((_options.Seed * 7919) + epoch);

    private Tensor? ClassWeights(FaceDataset train)
    {
        if (_options.ClassWeighting == ClassWeightingKind.None)
        {
            return null;
        }

        int[] counts = train.ClassCounts();
        double[] raw = counts.Select(c => _options.ClassWeighting == ClassWeightingKind.Inverse ? 1.0 / Math.Max(1, c) : 1.0 / Math.Sqrt(Math.Max(1, c))).ToArray();
        double mean = raw.Zip(counts, (w, c) => w * c).Sum() / counts.Sum();
        float[] normalised = raw.Select(w => (float)(w / mean)).ToArray();
        _log.WriteLine($"Class weights ({OptionNames.Name(_options.ClassWeighting)}): {string.Join(", ", EmotionLabels.Names.Zip(normalised, (n, w) => string.Create(CultureInfo.InvariantCulture, $"{n} {w:F2}")))}");
        return tensor(normalised);
    }

    private void WriteHistory(IReadOnlyList<EpochRecord> history)
    {
        AtomicFile.WriteAllText(Path.Combine(_outputDirectory, HistoryFileName), JsonSerializer.Serialize(history, new JsonSerializerOptions { WriteIndented = true }));
    }
}
