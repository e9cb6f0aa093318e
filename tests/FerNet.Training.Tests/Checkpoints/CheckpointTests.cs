using FerNet.Training.Checkpoints;
using FerNet.Training.Data;
using FerNet.Training.Models;
using FerNet.Training.Runs;
using static TorchSharp.torch;
using FerNet.Training.Tests.Data;

namespace FerNet.Training.Tests.Checkpoints;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fernet-ckpt-").FullName;
    private readonly string _checkpoint;

    public CheckpointTests()
    {
        TrainingOptions options = TrainingRecipes.FerNet() with { Epochs = 1, BatchSize = 16, ValidationFraction = 0.2 };
        var trainer = new Trainer(options, _directory, TextWriter.Null);
        _checkpoint = trainer.Train(TrainingSplit.Create(SyntheticFaces.Create(perClass: 4, seed: 5), options), resume: false, CancellationToken.None).LastCheckpointPath;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LoadedModelPredictsLikeTheSavedOne()
    {
        (FerModel model, CheckpointHeader header) = TrainingCheckpoint.LoadModel(_checkpoint);
        using (model)
        {
            Assert.Equal(FerVgg.Name, header.Architecture);
            Assert.Equal(1, header.EpochsCompleted);
            Assert.False(model.training);
        }
    }

    [Fact]
    public void OptionsAreStoredByTheirCommandLineNames()
    {
        string header = CheckpointHeaderFile.Read(_checkpoint);

        Assert.Contains("\"Optimizer\":\"sgd\"", header, StringComparison.Ordinal);
        Assert.Contains("\"Schedule\":\"one-cycle\"", header, StringComparison.Ordinal);
        Assert.Contains("\"ClassWeighting\":\"sqrt-inverse\"", header, StringComparison.Ordinal);
        Assert.Contains("\"Precision\":\"float32\"", header, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeaderWithOptionNamesAndNoClassCountsLoads()
    {
        // A header as checkpoints without class counts hold it, options spelled as on the command line.
        const string Header = """
            {"Architecture":"fer-vgg","Options":{"Architecture":"fer-vgg","Recipe":"seed","Epochs":3,"BatchSize":32,"Seed":1,"SplitSeed":4,"ValidationFraction":0.1,"Optimizer":"adam","LearningRate":0.0001,"TimeDecay":1E-06,"WeightDecay":0,"Schedule":"plateau","WarmupFraction":0.15,"PlateauFactor":0.2,"PlateauPatience":6,"PlateauMinDelta":0.0001,"LabelSmoothing":0,"ClassWeighting":"inverse","BalancePerClass":5000,"BalancingTransform":{"MaxRotationDegrees":20,"MinZoom":1,"MaxZoom":1,"IndependentZoomAxes":false,"MaxShiftFraction":0,"HorizontalFlip":true,"ErasingProbability":0,"ErasingMinArea":0.02,"ErasingMaxArea":0.2,"HasGeometry":true},"Augmentation":{"MaxRotationDegrees":0,"MinZoom":0.7,"MaxZoom":1.3,"IndependentZoomAxes":true,"MaxShiftFraction":0,"HorizontalFlip":true,"ErasingProbability":0,"ErasingMinArea":0.02,"ErasingMaxArea":0.2,"HasGeometry":true},"InitialWeights":null,"Precision":"bfloat16","EarlyStoppingPatience":null},"EpochsCompleted":1,"GlobalStep":12,"BestValidationAccuracy":0.25,"BestEpoch":1,"ValidationAccuracy":0.25,"History":[{"Epoch":1,"TrainLoss":1.9,"TrainAccuracy":0.2,"ValidationLoss":1.8,"ValidationAccuracy":0.25,"ValidationMacroF1":0.1,"LearningRate":0.0001,"Seconds":3.5}],"Plateau":{"Multiplier":1,"Best":0.25,"Wait":0},"CreatedUtc":"2026-01-02T03:04:05+00:00"}
            """;
        string named = Path.Combine(_directory, "named.ckpt");
        CheckpointHeaderFile.WriteWithHeader(_checkpoint, named, Header);

        (FerModel model, CheckpointHeader header) = TrainingCheckpoint.LoadModel(named);
        using (model)
        {
            Assert.Equal(
                TrainingRecipes.Seed() with { Architecture = FerVgg.Name, Epochs = 3, SplitSeed = 4, ClassWeighting = ClassWeightingKind.Inverse, Precision = TrainingPrecision.BFloat16 },
                header.Options);
            Assert.Equal(OptimizerKind.Adam, header.Options.Optimizer);
            Assert.Equal(LearningRateScheduleKind.Plateau, header.Options.Schedule);
            Assert.Null(header.ClassCounts);
            Assert.Equal(0.25, header.ValidationAccuracy);
        }
    }

    [Fact]
    public void AnUnknownOptionNameInTheHeaderIsRejectedWithThePath()
    {
        string header = CheckpointHeaderFile.Read(_checkpoint).Replace("\"Optimizer\":\"sgd\"", "\"Optimizer\":\"rmsprop\"", StringComparison.Ordinal);
        string unknown = Path.Combine(_directory, "unknown.ckpt");
        CheckpointHeaderFile.WriteWithHeader(_checkpoint, unknown, header);

        var error = Assert.Throws<InvalidCheckpointException>(() => TrainingCheckpoint.ReadHeader(unknown));

        Assert.Equal(unknown, error.Path);
    }

    [Fact]
    public void TheSplitsClassCountsAreStored()
    {
        CheckpointHeader header = TrainingCheckpoint.ReadHeader(_checkpoint);

        ClassCounts counts = Assert.IsType<ClassCounts>(header.ClassCounts);
        Assert.Equal(counts.Before, counts.After);
        Assert.Equal(TrainingSplit.Create(SyntheticFaces.Create(perClass: 4, seed: 5), header.Options).Train.ClassCounts(), counts.After);
    }

    [Fact]
    public void TruncatedCheckpointIsRejectedWithItsPath()
    {
        string truncated = Path.Combine(_directory, "truncated.ckpt");
        byte[] bytes = File.ReadAllBytes(_checkpoint);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidCheckpointException>(() => TrainingCheckpoint.LoadModel(truncated));
        Assert.Contains(truncated, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForeignFileIsRejected()
    {
        string foreign = Path.Combine(_directory, "foreign.ckpt");
        File.WriteAllText(foreign, "this is not a checkpoint at all, just text that is long enough");

        Assert.Throws<InvalidCheckpointException>(() => TrainingCheckpoint.ReadHeader(foreign));
    }

    [Fact]
    public void CorruptWeightsAreRejected()
    {
        string corrupt = Path.Combine(_directory, "corrupt.ckpt");
        byte[] bytes = File.ReadAllBytes(_checkpoint);
        int headerEnd = Array.IndexOf(bytes, (byte)'}', 16) + 200;
        new Random(1).NextBytes(bytes.AsSpan(headerEnd, 64));
        File.WriteAllBytes(corrupt, bytes);

        Assert.Throws<InvalidCheckpointException>(() => TrainingCheckpoint.LoadModel(corrupt).Model.Dispose());
    }

    [Fact]
    public void FlippedBytesInsideTheWeightsAreRejectedWithThePath()
    {
        // Flipping the lowest bit of 4,000 bytes a quarter into the file (inside the weights) changes weight values
        // but no tensor's name, shape or length, so the weights still load without the checksum.
        string corrupt = Path.Combine(_directory, "flipped.ckpt");
        byte[] bytes = File.ReadAllBytes(_checkpoint);
        for (int i = bytes.Length / 4; i < bytes.Length / 4 + 4_000; i++)
        {
            bytes[i] ^= 1;
        }

        File.WriteAllBytes(corrupt, bytes);

        var error = Assert.Throws<InvalidCheckpointException>(() => TrainingCheckpoint.LoadModel(corrupt).Model.Dispose());
        Assert.Equal(corrupt, error.Path);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        using FerModel model = Trainer.CreateModel(TrainingRecipes.FerNet());
        using optim.Optimizer optimizer = Trainer.CreateOptimizer(model, TrainingRecipes.FerNet());
        Assert.Throws<InvalidCheckpointException>(() => TrainingCheckpoint.Restore(corrupt, model, optimizer));
    }

    [Fact]
    public void ACheckpointWrittenBeforeChecksumsStillLoads()
    {
        // Format version 1: magic, version, header, optimiser flag, then the weights at once.
        string old = Path.Combine(_directory, "version1.ckpt");
        using (var reader = new BinaryReader(File.OpenRead(_checkpoint)))
        using (var writer = new BinaryWriter(File.Create(old)))
        {
            writer.Write(reader.ReadBytes(8));
            Assert.Equal(2, reader.ReadInt32());
            writer.Write(1);
            writer.Write(reader.ReadString());
            writer.Write(reader.ReadBoolean());
            reader.ReadBytes(32);
            writer.Write(reader.ReadBytes((int)(reader.BaseStream.Length - reader.BaseStream.Position)));
        }

        (FerModel expected, _) = TrainingCheckpoint.LoadModel(_checkpoint);
        (FerModel loaded, CheckpointHeader header) = TrainingCheckpoint.LoadModel(old);
        using (expected)
        using (loaded)
        {
            Assert.Equal(1, header.EpochsCompleted);
            Assert.All(expected.parameters().Zip(loaded.parameters()), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
        }
    }

    [Fact]
    public void CheckpointOfAnotherArchitectureIsRejectedOnResume()
    {
        using FerModel seed = ModelCatalog.Create(SeedCnn.Name);
        using optim.Optimizer optimizer = optim.Adam(seed.parameters());

        var error = Assert.Throws<InvalidCheckpointException>(() => TrainingCheckpoint.Restore(_checkpoint, seed, optimizer));
        Assert.Contains("fer-vgg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCheckpointNamesThePath()
    {
        string missing = Path.Combine(_directory, "missing.ckpt");
        var error = Assert.Throws<FileNotFoundException>(() => TrainingCheckpoint.ReadHeader(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
