using FerNet.Tooling.Metrics;
using FerNet.Training.Tests.Data;
using FerNet.Training.Tests.Torch;
using FerNet.Training.Augmentation;
using FerNet.Training.Checkpoints;
using FerNet.Training.Data;
using FerNet.Training.Evaluation;
using FerNet.Training.Models;
using FerNet.Training.Runs;
using FerNet.Training.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Runs;

[Collection(SerialTorchCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fernet-trainer-").FullName;

    private static TrainingOptions SmallRun(int epochs) => TrainingRecipes.FerNet() with
    {
        Epochs = epochs,
        BatchSize = 16,
        LearningRate = 0.05,
        ValidationFraction = 0.2,
        Augmentation = AugmentationSettings.FerNet with { ErasingProbability = 0.2 },
    };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LossFallsOnLearnableData()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 24, seed: 1);
        TrainingOptions options = SmallRun(epochs: 4) with { Augmentation = AugmentationSettings.None, LabelSmoothing = 0 };
        var trainer = new Trainer(options, _directory, TextWriter.Null);

        TrainingResult result = trainer.Train(TrainingSplit.Create(data, options), resume: false, CancellationToken.None);

        IReadOnlyList<EpochRecord> history = result.History;
        Assert.Equal(4, history.Count);
        Assert.All(history, record => Assert.True(record.CpuSeconds > 0, $"epoch {record.Epoch} recorded no processor time"));
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss * 0.8, $"loss {history[0].TrainLoss} -> {history[^1].TrainLoss}");
        Assert.True(result.Finished);
        Assert.Equal(trainer.BestCheckpointPath, result.BestCheckpointPath);
        Assert.Equal(TrainingCheckpoint.ReadHeader(result.LastCheckpointPath).BestEpoch, result.BestEpoch);
        Assert.True(File.Exists(trainer.BestCheckpointPath));
        Assert.True(File.Exists(Path.Combine(_directory, "history.json")));
    }

    [Fact]
    public void ProgressIsReportedAfterEveryBatchAndEveryFinishedEpoch()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 6, seed: 12);
        TrainingOptions options = SmallRun(epochs: 2);
        TrainingSplit split = TrainingSplit.Create(data, options);
        var progress = new RecordingProgress<TrainingProgress>();

        TrainingResult result = new Trainer(options, _directory, TextWriter.Null).Train(split, resume: false, CancellationToken.None, progress: progress);

        int batches = (split.Train.Count + options.BatchSize - 1) / options.BatchSize;
        Assert.Equal(2 * (batches + 1), progress.Reports.Count);
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            TrainingProgress[] reports = [.. progress.Reports.Where(report => report.Epoch == epoch)];
            TrainingProgress[] running = reports[..^1];
            Assert.All(running, report => Assert.Null(report.Completed));
            Assert.Equal(Enumerable.Range(1, batches).Select(b => (long)Math.Min(b * options.BatchSize, split.Train.Count)), running.Select(report => report.ImagesDone));
            Assert.All(reports, report => Assert.Equal(split.Train.Count, report.ImagesInEpoch));
            Assert.Equal(result.History[epoch - 1], reports[^1].Completed);
            Assert.Equal(reports[^1].Loss, running[^1].Loss, 12);
        }
    }

    [Fact]
    public void RunsWithOtherSeedsHoldOutTheSameImagesWhenTheyShareTheSplitSeed()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 10, seed: 8);
        byte[] HeldOut(TrainingOptions options) => TrainingSplit.Create(data, options).Validation.Pixels.ToArray();

        byte[] first = HeldOut(SmallRun(epochs: 1) with { Seed = 1 });

        Assert.Equal(first, HeldOut(SmallRun(epochs: 1) with { Seed = 2, SplitSeed = 1 }));
        Assert.NotEqual(first, HeldOut(SmallRun(epochs: 1) with { Seed = 2 }));
    }

    [Fact]
    public void HistoryRecordsTheValidationSplitsAccuracyAndMacroF1()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 10, seed: 7);
        var trainer = new Trainer(SmallRun(epochs: 2), _directory, TextWriter.Null);
        TrainingSplit split = TrainingSplit.Create(data, SmallRun(epochs: 2));

        IReadOnlyList<EpochRecord> history = trainer.Train(split, resume: false, CancellationToken.None).History;

        FaceDataset validation = split.Validation;
        (FerModel model, _) = TrainingCheckpoint.LoadModel(trainer.LastCheckpointPath);
        using (model)
        {
            (float[] probabilities, _) = ModelEvaluation.Predict(model, validation);
            var expected = ClassificationReport.FromPredictions(validation.Labels, ModelEvaluation.ArgMax(probabilities));
            Assert.Equal(expected.Accuracy, history[^1].ValidationAccuracy, 9);
            Assert.Equal(expected.MacroF1, history[^1].ValidationMacroF1, 9);
            Assert.NotEqual(expected.Accuracy, expected.MacroF1);
        }
    }

    [Fact]
    public void ResumingGivesTheSameWeightsAsAnUninterruptedRun()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 10, seed: 2);
        string straight = Path.Combine(_directory, "straight");
        string interrupted = Path.Combine(_directory, "interrupted");

        TrainingSplit split = TrainingSplit.Create(data, SmallRun(epochs: 2));
        var uninterrupted = new Trainer(SmallRun(epochs: 2), straight, TextWriter.Null);
        uninterrupted.Train(split, resume: false, CancellationToken.None);

        var first = new Trainer(SmallRun(epochs: 2), interrupted, TextWriter.Null);
        TrainingResult paused = first.Train(split, resume: false, CancellationToken.None, maxEpochsThisCall: 1);
        Assert.Equal(1, TrainingCheckpoint.ReadHeader(first.LastCheckpointPath).EpochsCompleted);
        Assert.False(paused.Finished);
        var second = new Trainer(SmallRun(epochs: 2), interrupted, TextWriter.Null);
        Assert.True(second.Train(TrainingSplit.Create(data, SmallRun(epochs: 2)), resume: true, CancellationToken.None).Finished);

        (FerModel a, CheckpointHeader headerA) = TrainingCheckpoint.LoadModel(uninterrupted.LastCheckpointPath);
        (FerModel b, CheckpointHeader headerB) = TrainingCheckpoint.LoadModel(second.LastCheckpointPath);
        using (a)
        using (b)
        {
            Assert.Equal(headerA.GlobalStep, headerB.GlobalStep);
            Assert.Equal(headerA.History.Select(h => h.ValidationAccuracy), headerB.History.Select(h => h.ValidationAccuracy));
            var weightsB = b.state_dict();
            foreach ((string name, Tensor weight) in a.state_dict())
            {
                Assert.True(weight.allclose(weightsB[name], rtol: 0, atol: 1e-6), $"{name} differs after resuming");
            }
        }
    }

    [Fact]
    public void AChannelsLastRunResumesToTheSameWeightsAndItsCheckpointsHoldTheWeightsItTrained()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 10, seed: 2);
        TrainingOptions options = SmallRun(epochs: 2) with { ChannelsLast = true, WeightAverageDecay = 0.9 };
        TrainingSplit split = TrainingSplit.Create(data, options);
        var straight = new Trainer(options, Path.Combine(_directory, "straight"), TextWriter.Null);
        straight.Train(split, resume: false, CancellationToken.None);
        string interrupted = Path.Combine(_directory, "interrupted");
        new Trainer(options, interrupted, TextWriter.Null).Train(split, resume: false, CancellationToken.None, maxEpochsThisCall: 1);
        var resumed = new Trainer(options, interrupted, TextWriter.Null);
        resumed.Train(split, resume: true, CancellationToken.None);

        (FerModel a, CheckpointHeader headerA) = TrainingCheckpoint.LoadModel(straight.LastCheckpointPath);
        (FerModel b, CheckpointHeader headerB) = TrainingCheckpoint.LoadModel(resumed.LastCheckpointPath);
        using (a)
        using (b)
        {
            Assert.True(headerA.Options.ChannelsLast);
            var weightsB = b.state_dict();
            foreach ((string name, Tensor weight) in a.state_dict())
            {
                Assert.True(weight.allclose(weightsB[name], rtol: 0, atol: 0), $"{name} differs after resuming a channels-last run");
            }

            // Read into a model of the default layout, the checkpoint gives the validation loss the run measured on the weights it trained.
            Assert.Equal(headerA.History[^1].ValidationLoss, ModelEvaluation.Predict(a, split.Validation).Loss, 6);
        }
    }

    [Fact]
    public void AStepOnAChannelsLastBatchMovesTheWeightsAsAFloat64StepDoes()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 4, seed: 3);
        TrainingOptions options = SmallRun(epochs: 1);
        int[] all = Enumerable.Range(0, data.Count).ToArray();
        using Tensor images = BatchTensors.Pixels(data, all);
        using Tensor labels = BatchTensors.Labels(data, all);
        using Tensor laidOut = ChannelsLastLayout.Copy(images);
        Assert.True(ChannelsLastLayout.IsChannelsLast(laidOut));
        Assert.True(laidOut.allclose(images, rtol: 0, atol: 0));

        // Two copies of one model take one step on one batch: in float32 on the channels-last batch, and in
        // float64 on the default layout, the reference that tells rounding from a wrong computation.
        var losses = new double[2];
        var before = new Dictionary<string, Tensor>();
        var after = new Dictionary<string, Tensor>[2];
        for (int run = 0; run < 2; run++)
        {
            manual_seed(11);
            using FerModel model = Trainer.CreateModel(options);
            if (run == 1)
            {
                model.to(ScalarType.Float64);
            }

            using optim.Optimizer optimizer = Trainer.CreateOptimizer(model, options);
            model.train();
            if (run == 0)
            {
                before = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().to(ScalarType.Float64));

                // The first convolution's output carries the layout on: that is what makes oneDNN take its NHWC kernels.
                using (no_grad())
                using (Tensor first = model.modules().OfType<TorchSharp.Modules.Conv2d>().First().forward(laidOut))
                {
                    Assert.True(ChannelsLastLayout.IsChannelsLast(first), "a convolution of a channels-last batch did not return channels-last");
                }
            }

            using Tensor input = run == 0 ? laidOut.alias() : images.to(ScalarType.Float64);
            manual_seed(12);
            losses[run] = Trainer.Step(model, optimizer, input, labels, null, options.LabelSmoothing).Loss;
            after[run] = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().to(ScalarType.Float64));
        }

        // The same loss; and every parameter moves as float64 moves it. Directions are compared, not single
        // elements: on these synthetic faces (measured on a Zen 3 EPYC) an element of an early layer's channels-last update is up to 4 %
        // of that layer's largest update away from float64's (the default layout's up to 0.6 %), while a
        // wrong layout would scramble the update entirely.
        Assert.Equal(losses[1], losses[0], 4);
        foreach ((string name, Tensor reference) in after[1])
        {
            if (name.Contains("running_", StringComparison.Ordinal) || name.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            {
                Assert.True((after[0][name] - reference).abs().max().item<double>() <= 1e-5, $"{name} differs after a channels-last step");
                continue;
            }

            using Tensor start = before[name];
            using Tensor expected = (reference - start).flatten();
            using Tensor moved = (after[0][name] - start).flatten();
            double cosine = (moved.dot(expected) / (moved.norm() * expected.norm())).item<double>();
            Assert.True(cosine > 0.999, $"{name} moved in another direction after a channels-last step (cosine {cosine} with float64's step)");
        }
    }

    [Fact]
    public void ARunStoppedByItsTimeBudgetAndResumedFromItsStateInAFreshFolderEqualsAnUnbrokenRun()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 8, seed: 21);
        TrainingOptions options = SmallRun(epochs: 3) with { WeightAverageDecay = 0.9 };
        TrainingSplit split = TrainingSplit.Create(data, options);
        string state = Path.Combine(_directory, "state");
        var unbroken = new Trainer(options, Path.Combine(_directory, "unbroken"), TextWriter.Null);
        unbroken.Train(split, resume: false, CancellationToken.None);

        // A budget far shorter than an epoch: the first epoch starts (nothing predicts its length), the second would end past it.
        string firstFolder = Path.Combine(_directory, "first-sitting");
        TrainingResult first = new Trainer(options, firstFolder, TextWriter.Null, state).Train(split, resume: false, CancellationToken.None, budget: new TimeBudget(TimeSpan.FromMilliseconds(1)));
        Assert.True(first.OutOfTime);
        Assert.False(first.Finished);
        Assert.Single(first.History);
        Assert.Equal(RunState.FileNames.Where(name => name != "teacher-targets.bin").Order(), Directory.GetFiles(state).Select(Path.GetFileName).Order());

        // Resumed with the earlier epochs' length known, a call with no time left trains nothing.
        TrainingResult idle = new Trainer(options, firstFolder, TextWriter.Null, state).Train(split, resume: true, CancellationToken.None, budget: new TimeBudget(TimeSpan.FromMilliseconds(1)));
        Assert.True(idle.OutOfTime);
        Assert.Single(idle.History);
        Directory.Delete(firstFolder, recursive: true);

        string secondFolder = Path.Combine(_directory, "second-sitting");
        var log = new StringWriter();
        var second = new Trainer(options, secondFolder, log, state);
        TrainingResult resumed = second.Train(TrainingSplit.Create(data, options), resume: true, CancellationToken.None);

        Assert.True(resumed.Finished);
        Assert.Contains($"Restored the run's state after epoch 1 from {state}", log.ToString(), StringComparison.Ordinal);
        foreach (string name in new[] { Trainer.LastCheckpointName, Trainer.LastAverageCheckpointName, Trainer.BestCheckpointName })
        {
            (FerModel expected, CheckpointHeader expectedHeader) = TrainingCheckpoint.LoadModel(Path.Combine(_directory, "unbroken", name));
            (FerModel actual, CheckpointHeader actualHeader) = TrainingCheckpoint.LoadModel(Path.Combine(secondFolder, name));
            using (expected)
            using (actual)
            {
                Assert.Equal(expectedHeader.GlobalStep, actualHeader.GlobalStep);
                Assert.Equal(expectedHeader.EpochsCompleted, actualHeader.EpochsCompleted);
                // Wall and processor seconds differ from run to run; everything else is equal.
                Assert.Equal(expectedHeader.History.Select(h => h with { Seconds = 0, CpuSeconds = 0 }), actualHeader.History.Select(h => h with { Seconds = 0, CpuSeconds = 0 }));
                var actualWeights = actual.state_dict();
                string[] differing = [.. expected.state_dict().Where(pair => !pair.Value.equal(actualWeights[pair.Key]).all().item<bool>())
                    .Select(pair => $"{pair.Key} (by up to {(pair.Value.to_type(ScalarType.Float64) - actualWeights[pair.Key].to_type(ScalarType.Float64)).abs().max().item<double>():G3})")];
                Assert.True(differing.Length == 0, $"{name} differs from the unbroken run's in {string.Join(", ", differing)}");
            }
        }

        Assert.Equal(File.ReadAllBytes(second.LastCheckpointPath), File.ReadAllBytes(Path.Combine(state, Trainer.LastCheckpointName)));
    }

    [Fact]
    public void ARunStartedWithoutAStateFolderKeepsItsStateThereOnceResumedWithOne()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 6, seed: 23);
        TrainingOptions options = SmallRun(epochs: 2) with { WeightAverageDecay = 0.9 };
        string run = Path.Combine(_directory, "run");
        string state = Path.Combine(_directory, "state");
        new Trainer(options, run, TextWriter.Null).Train(TrainingSplit.Create(data, options), resume: false, CancellationToken.None, maxEpochsThisCall: 1);
        var log = new StringWriter();

        TrainingResult resumed = new Trainer(options, run, log, state).Train(TrainingSplit.Create(data, options), resume: true, CancellationToken.None);

        Assert.True(resumed.Finished);
        Assert.DoesNotContain("Restored", log.ToString(), StringComparison.Ordinal);
        foreach (string name in new[] { Trainer.LastCheckpointName, Trainer.LastAverageCheckpointName, Trainer.BestCheckpointName })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(run, name)), File.ReadAllBytes(Path.Combine(state, name)));
        }
    }

    [Fact]
    public void AStateWhoseFilesBelongToDifferentEpochsIsRefused()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 6, seed: 22);
        TrainingOptions options = SmallRun(epochs: 3) with { WeightAverageDecay = 0.9 };
        string state = Path.Combine(_directory, "state");
        string run = Path.Combine(_directory, "run");
        new Trainer(options, run, TextWriter.Null, state).Train(TrainingSplit.Create(data, options), resume: false, CancellationToken.None, maxEpochsThisCall: 1);
        string average = Path.Combine(state, Trainer.LastAverageCheckpointName);
        byte[] firstAverage = File.ReadAllBytes(average);
        new Trainer(options, run, TextWriter.Null, state).Train(TrainingSplit.Create(data, options), resume: true, CancellationToken.None, maxEpochsThisCall: 1);
        File.WriteAllBytes(average, firstAverage);
        var fresh = new Trainer(options, Path.Combine(_directory, "fresh"), TextWriter.Null, state);

        var error = Assert.Throws<InvalidCheckpointException>(() => fresh.Train(TrainingSplit.Create(data, options), resume: true, CancellationToken.None));

        Assert.Equal(average, error.Path);
        Assert.Contains("holds epoch 1", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(fresh.LastCheckpointPath));
    }

    [Fact]
    public void ResumingWithOtherSettingsIsRefused()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 6, seed: 3);
        var first = new Trainer(SmallRun(epochs: 2), _directory, TextWriter.Null);
        first.Train(TrainingSplit.Create(data, SmallRun(epochs: 2)), resume: false, CancellationToken.None, maxEpochsThisCall: 1);

        TrainingOptions otherOptions = SmallRun(epochs: 2) with { BatchSize = 8 };
        var other = new Trainer(otherOptions, _directory, TextWriter.Null);
        TrainingSplit otherSplit = TrainingSplit.Create(data, otherOptions);

        Assert.Throws<InvalidCheckpointException>(() => other.Train(otherSplit, resume: true, CancellationToken.None));
    }

    [Fact]
    public void CancellationKeepsTheLastFinishedEpoch()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 6, seed: 4);
        var trainer = new Trainer(SmallRun(epochs: 3), _directory, TextWriter.Null);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        TrainingResult result = trainer.Train(TrainingSplit.Create(data, SmallRun(epochs: 3)), resume: false, cancelled.Token);

        Assert.Empty(result.History);
        Assert.False(result.Finished);
        Assert.Equal(0, result.BestEpoch);
        Assert.False(File.Exists(trainer.LastCheckpointPath));
    }

    [Fact]
    public void StartingFromACheckpointBeginsWithItsWeights()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 6, seed: 5);
        Trainer source = TrainedRun(SmallRun(epochs: 1), "source", data);

        // At a negligible learning rate a run keeps the weights it starts from, so its final weights
        // show where it started: the source checkpoint's, or a fresh initialisation's.
        TrainingOptions still = SmallRun(epochs: 1) with { LearningRate = 1e-12, Seed = 9 };
        Trainer tuned = TrainedRun(still with { InitialWeights = source.BestCheckpointPath }, "tuned", data);
        Trainer fresh = TrainedRun(still, "fresh", data);

        (FerModel start, _) = TrainingCheckpoint.LoadModel(source.BestCheckpointPath);
        (FerModel fromStart, _) = TrainingCheckpoint.LoadModel(tuned.LastCheckpointPath);
        (FerModel fromScratch, _) = TrainingCheckpoint.LoadModel(fresh.LastCheckpointPath);
        using (start)
        using (fromStart)
        using (fromScratch)
        {
            var tunedWeights = fromStart.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            var freshWeights = fromScratch.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach ((string name, TorchSharp.Modules.Parameter weight) in start.named_parameters())
            {
                Assert.True(weight.allclose(tunedWeights[name], rtol: 0, atol: 1e-6), $"{name} is not the start checkpoint's");
                Assert.False(weight.allclose(freshWeights[name], rtol: 0, atol: 1e-3), $"{name} of a fresh run equals the start checkpoint's");
            }
        }
    }

    [Fact]
    public void StartingFromAnotherArchitecturesCheckpointIsRefused()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 4, seed: 6);
        Trainer source = TrainedRun(SmallRun(epochs: 1), "source", data);
        TrainingOptions otherOptions = TrainingRecipes.Seed() with { Epochs = 1, BatchSize = 8, BalancePerClass = null, InitialWeights = source.BestCheckpointPath };
        var other = new Trainer(otherOptions, Path.Combine(_directory, "other"), TextWriter.Null);
        TrainingSplit otherSplit = TrainingSplit.Create(data, otherOptions);

        InvalidCheckpointException error = Assert.Throws<InvalidCheckpointException>(() => other.Train(otherSplit, resume: false, CancellationToken.None));

        Assert.Equal(source.BestCheckpointPath, error.Path);
        Assert.Contains("'fer-vgg'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(other.LastCheckpointPath));
    }

    [Fact]
    public void AMissingStartCheckpointIsNamedBeforeTraining()
    {
        string missing = Path.Combine(_directory, "nowhere.ckpt");

        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => new Trainer(SmallRun(epochs: 1) with { InitialWeights = missing }, _directory, TextWriter.Null));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    private Trainer TrainedRun(TrainingOptions options, string name, FaceDataset data)
    {
        var trainer = new Trainer(options, Path.Combine(_directory, name), TextWriter.Null);
        trainer.Train(TrainingSplit.Create(data, options), resume: false, CancellationToken.None);
        return trainer;
    }
}
