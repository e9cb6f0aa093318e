using FerNet.Training.Data;
using FerNet.Training.Checkpoints;
using FerNet.Training.Models;
using FerNet.Training.Runs;
using static TorchSharp.torch;

namespace FerNet.Tests.Training;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fernet-ckpt-").FullName;
    private readonly string _checkpoint;

    public CheckpointTests()
    {
        var trainer = new Trainer(TrainingRecipes.FerNet() with { Epochs = 1, BatchSize = 16, ValidationFraction = 0.2 }, _directory, TextWriter.Null);
        trainer.Prepare(SyntheticFaces.Create(perClass: 4, seed: 5));
        trainer.Train(resume: false, CancellationToken.None);
        _checkpoint = trainer.LastCheckpointPath;
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
