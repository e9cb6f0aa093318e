using FerNet.Core.IO;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FerNet.Core;
using FerNet.Training.Data;
using FerNet.Core.Metrics;
using FerNet.Training.Checkpoints;
using FerNet.Training.Terminal;
using FerNet.Training.Evaluation;
using FerNet.Training.Models;
using static TorchSharp.torch;

namespace FerNet.Training.Runs;

/// <summary>
/// Runs one training run: split, balance, train epoch by epoch, validate, schedule the learning rate,
/// checkpoint atomically after every epoch and keep the best weights by validation accuracy. Every
/// random choice of epoch e is seeded from (seed, e), so resuming after epoch e replays exactly what
/// an uninterrupted run would have done.
/// </summary>
internal sealed class Trainer
{
    /// <summary>File name of the checkpoint written after every epoch (weights and optimiser state).</summary>
    public const string LastCheckpointName = "last.ckpt";

    /// <summary>File name of the checkpoint with the best validation accuracy (weights only).</summary>
    public const string BestCheckpointName = "best.ckpt";

    private readonly TrainingOptions _options;
    private readonly string _outputDirectory;
    private readonly TextWriter _log;

    /// <summary>Prepares a run of <paramref name="options"/> writing into <paramref name="outputDirectory"/>.</summary>
    public Trainer(TrainingOptions options, string outputDirectory, TextWriter log)
    {
        options.Validate();
        _options = options;
        _outputDirectory = outputDirectory;
        _log = log;
    }

    /// <summary>Path of the per-epoch checkpoint.</summary>
    public string LastCheckpointPath => Path.Combine(_outputDirectory, LastCheckpointName);

    /// <summary>Path of the best checkpoint.</summary>
    public string BestCheckpointPath => Path.Combine(_outputDirectory, BestCheckpointName);

    /// <summary>The training and validation data after the split (and balancing), available once <see cref="Prepare"/> ran.</summary>
    public (FaceDataset Train, FaceDataset Validation, int[] CountsBeforeBalancing)? Data { get; private set; }

    /// <summary>Whether the last <see cref="Train"/> call ended the run: all epochs done, or early stopping.</summary>
    public bool RunFinished { get; private set; }

    /// <summary>Splits <paramref name="trainingData"/> into training and validation data and balances the training part.</summary>
    public void Prepare(FaceDataset trainingData)
    {
        (int[] trainIndices, int[] validationIndices) = StratifiedSplit.Split(trainingData, _options.ValidationFraction, _options.EffectiveSplitSeed);
        FaceDataset train = trainingData.Select(trainIndices);
        FaceDataset validation = trainingData.Select(validationIndices);
        int[] before = train.ClassCounts();
        if (_options.BalancePerClass is int target)
        {
            train = ClassBalancer.Balance(train, target, _options.BalancingTransform, _options.Seed);
        }

        Data = (train, validation, before);
        _log.WriteLine($"Data: {train.Count} training images ({Counts(train.ClassCounts())}), {validation.Count} validation images.");
    }

    /// <summary>
    /// Trains until the configured epochs are done, early stopping triggers or <paramref name="cancellation"/>
    /// fires (then the last finished epoch's checkpoint is kept and the method returns).
    /// </summary>
    /// <param name="resume">Continue from <see cref="LastCheckpointPath"/>.</param>
    /// <param name="cancellation">Stops after the current batch.</param>
    /// <param name="maxEpochsThisCall">Stop after this many epochs even if the run is not finished (for tests and time-boxed sessions).</param>
    public IReadOnlyList<EpochRecord> Train(bool resume, CancellationToken cancellation, int? maxEpochsThisCall = null)
    {
        if (Data is not { } data)
        {
            throw new InvalidOperationException("Call Prepare with the training data before Train.");
        }

        Directory.CreateDirectory(_outputDirectory);
        manual_seed(_options.Seed);
        using FerModel model = CreateModel();
        using optim.Optimizer optimizer = CreateOptimizer(model);
        int stepsPerEpoch = (data.Train.Count + _options.BatchSize - 1) / _options.BatchSize;
        var schedule = new LearningRateSchedule(_options, (long)stepsPerEpoch * _options.Epochs);
        var history = new List<EpochRecord>();
        long step = 0;
        double bestAccuracy = double.NegativeInfinity;
        int bestEpoch = 0;

        if (resume)
        {
            CheckpointHeader header = TrainingCheckpoint.Restore(LastCheckpointPath, model, optimizer);
            if (header.Options with { Epochs = _options.Epochs } != _options with { Epochs = _options.Epochs })
            {
                throw new InvalidCheckpointException(LastCheckpointPath, "it was written by a run with other options; resume with the same settings (only --epochs may change).");
            }

            history.AddRange(header.History);
            step = header.GlobalStep;
            bestAccuracy = header.BestValidationAccuracy;
            bestEpoch = header.BestEpoch;
            schedule = new LearningRateSchedule(_options, (long)stepsPerEpoch * _options.Epochs, header.Plateau);
            _log.WriteLine($"Resuming after epoch {header.EpochsCompleted} (best validation accuracy {bestAccuracy:P2} at epoch {bestEpoch}).");
        }
        else if (_options.InitialWeights is string initial)
        {
            CheckpointHeader start = TrainingCheckpoint.LoadWeightsInto(initial, model);
            _log.WriteLine($"Starting from the weights of {initial} (epoch {start.EpochsCompleted}, validation accuracy {start.ValidationAccuracy:P2}).");
        }

        RunFinished = history.Count >= _options.Epochs;
        Tensor? classWeights = ClassWeights(data.Train);
        int firstEpoch = history.Count + 1;
        int lastEpoch = Math.Min(_options.Epochs, maxEpochsThisCall is int max ? firstEpoch + max - 1 : int.MaxValue);
        for (int epoch = firstEpoch; epoch <= lastEpoch; epoch++)
        {
            var clock = Stopwatch.StartNew();
            (double trainLoss, double trainAccuracy, long steps, bool completed) = TrainEpoch(model, optimizer, schedule, data.Train, classWeights, epoch, step, cancellation);
            if (!completed)
            {
                _log.WriteLine($"Interrupted during epoch {epoch}: its partial work is discarded; {LastCheckpointName} holds epoch {epoch - 1}. Continue with --resume.");
                break;
            }

            step += steps;
            (float[] probabilities, double validationLoss) = ModelEvaluation.Predict(model, data.Validation);
            var validation = ClassificationReport.FromPredictions(data.Validation.Labels, ModelEvaluation.ArgMax(probabilities));
            double validationAccuracy = validation.Accuracy;
            double rate = schedule.RateAt(Math.Max(0, step - 1));
            bool reduced = schedule.EndEpoch(validationAccuracy);
            var record = new EpochRecord(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, validation.MacroF1, rate, clock.Elapsed.TotalSeconds);
            history.Add(record);

            bool improved = validationAccuracy > bestAccuracy;
            if (improved)
            {
                bestAccuracy = validationAccuracy;
                bestEpoch = epoch;
            }

            var header = new CheckpointHeader(model.Architecture, _options, epoch, step, bestAccuracy, bestEpoch, validationAccuracy, history.ToArray(), schedule.State, DateTimeOffset.UtcNow);
            if (improved)
            {
                TrainingCheckpoint.Save(BestCheckpointPath, header, model, optimizer: null);
            }

            TrainingCheckpoint.Save(LastCheckpointPath, header, model, optimizer);
            WriteHistory(history);
            _log.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Epoch {epoch,3}/{_options.Epochs}  loss {trainLoss:F4}  acc {trainAccuracy:P2}  val_loss {validationLoss:F4}  val_acc {validationAccuracy:P2}  val_f1 {validation.MacroF1:F3}  lr {rate:G3}  {record.Seconds:F0} s{(improved ? "  *best" : "")}{(reduced ? "  (plateau: lr reduced)" : "")}"));

            RunFinished = epoch == _options.Epochs;
            if (_options.EarlyStoppingPatience is int patience && epoch - bestEpoch >= patience)
            {
                RunFinished = true;
                _log.WriteLine($"Early stopping: no validation improvement for {patience} epochs.");
                break;
            }
        }

        return history;
    }

    private (double Loss, double Accuracy, long Steps, bool Completed) TrainEpoch(
        FerModel model, optim.Optimizer optimizer, LearningRateSchedule schedule, FaceDataset train, Tensor? classWeights, int epoch, long firstStep, CancellationToken cancellation)
    {
        model.train();
        manual_seed(EpochSeed(epoch));
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        new Random(EpochSeed(epoch)).Shuffle(order);
        using var batches = new TrainingBatches(train, order, _options.BatchSize, _options.Augmentation, (ulong)EpochSeed(epoch) * 31 + 7);
        var progress = new ConsoleProgressBar(_log, $"Epoch {epoch,3}/{_options.Epochs}", train.Count, "img");
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
                progress.Finish();
                return (0, 0, steps, false);
            }

            double rate = schedule.RateAt(firstStep + steps);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = rate;
            }

            (float loss, long batchCorrect) = Step(model, optimizer, images, labels, classWeights, _options.LabelSmoothing);
            long count = labels.shape[0];
            lossSum += loss * count;
            correct += batchCorrect;
            seen += count;
            steps++;
            progress.Report(seen, string.Create(CultureInfo.InvariantCulture, $"loss {lossSum / seen:F4} acc {(double)correct / seen:P1}"));
        }

        progress.Finish();
        return (lossSum / Math.Max(1, seen), (double)correct / Math.Max(1, seen), steps, true);
    }

    /// <summary>One optimiser step on a batch; returns the batch's loss and how many images it classified correctly.</summary>
    internal static (float Loss, long Correct) Step(FerModel model, optim.Optimizer optimizer, Tensor images, Tensor labels, Tensor? classWeights, double labelSmoothing)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        Tensor logits = model.forward(images);
        Tensor loss = nn.functional.cross_entropy(logits, labels, classWeights, label_smoothing: labelSmoothing);
        if (model.HasL2Penalty)
        {
            loss = loss + model.L2Penalty();
        }

        loss.backward();
        optimizer.step();
        return (loss.item<float>(), logits.argmax(1).eq(labels).sum().item<long>());
    }

    /// <summary>A freshly initialised model of the options' architecture, computing in their precision.</summary>
    internal FerModel CreateModel()
    {
        FerModel model = ModelCatalog.Create(_options.Architecture);
        model.TrainInBFloat16 = _options.Precision == "bfloat16";
        return model;
    }

    /// <summary>The optimiser the options ask for, over <paramref name="model"/>'s parameters.</summary>
    internal optim.Optimizer CreateOptimizer(FerModel model) => _options.Optimizer switch
    {
        // Keras' Adam uses epsilon 1e-7 where PyTorch uses 1e-8.
        "adam" => optim.Adam(model.parameters(), _options.LearningRate, eps: 1e-7, weight_decay: _options.WeightDecay),
        _ => optim.SGD(model.parameters(), _options.LearningRate, momentum: 0.9, weight_decay: _options.WeightDecay, nesterov: true),
    };

    private int EpochSeed(int epoch) => unchecked((_options.Seed * 7919) + epoch);

    private Tensor? ClassWeights(FaceDataset train)
    {
        if (_options.ClassWeighting == "none")
        {
            return null;
        }

        int[] counts = train.ClassCounts();
        double[] raw = counts.Select(c => _options.ClassWeighting == "inverse" ? 1.0 / Math.Max(1, c) : 1.0 / Math.Sqrt(Math.Max(1, c))).ToArray();
        double mean = raw.Zip(counts, (w, c) => w * c).Sum() / counts.Sum();
        float[] normalised = raw.Select(w => (float)(w / mean)).ToArray();
        _log.WriteLine($"Class weights ({_options.ClassWeighting}): {string.Join(", ", EmotionLabels.Names.Zip(normalised, (n, w) => string.Create(CultureInfo.InvariantCulture, $"{n} {w:F2}")))}");
        return tensor(normalised);
    }

    private void WriteHistory(IReadOnlyList<EpochRecord> history)
    {
        AtomicFile.WriteAllText(Path.Combine(_outputDirectory, "history.json"), JsonSerializer.Serialize(history, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Counts(int[] counts) =>
        string.Join(", ", EmotionLabels.Names.Zip(counts, (n, c) => $"{n} {c}"));
}
