using FerNet.Core;
using FerNet.Testing.Files;
using FerNet.Training.Tests.Data;
using FerNet.Training.Tests.Export;
using FerNet.Training.Tests.Torch;
using FerNet.Training.Augmentation;
using FerNet.Training.Data;
using FerNet.Training.Distillation;
using FerNet.Training.Models;
using FerNet.Training.Runs;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Distillation;

/// <summary>Training a student against a teacher .onnx: the targets, the loss, and a run that uses them.</summary>
[Collection(SerialTorchCollection.Name)]
public sealed class DistillationTests : IClassFixture<EnsembleMembersFixture>, IDisposable
{
    private readonly EnsembleMembersFixture _members;
    private readonly TemporaryDirectory _directory = new();

    public DistillationTests(EnsembleMembersFixture members) => _members = members;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_loss_is_zero_for_a_student_that_matches_the_teacher_and_positive_otherwise()
    {
        using var scope = NewDisposeScope();
        Tensor teacherLogits = randn(8, EmotionLabels.Count);
        Tensor teacher = nn.functional.log_softmax(teacherLogits, 1);

        // Logits that differ from log-probabilities by a constant per row give the same probabilities.
        Assert.Equal(0, DistillationLoss.Compute(teacherLogits + 3, teacher, 4).item<float>(), 5);
        Assert.True(DistillationLoss.Compute(randn(8, EmotionLabels.Count), teacher, 4).item<float>() > 0.01);
    }

    [Fact]
    public void An_image_and_its_mirror_get_the_same_targets()
    {
        FaceDataset faces = SyntheticFaces.Create(perClass: 2, seed: 3);
        byte[] pixels = [.. faces.Pixels, .. Mirror(faces.Pixels)];
        var both = new FaceDataset(pixels, [.. faces.Labels, .. faces.Labels]);

        float[] targets = TeacherTargets.Score(_members.Paths[0], both, log: null);

        int half = faces.Count * EmotionLabels.Count;
        Assert.All(Enumerable.Range(0, half), i => Assert.Equal(targets[i], targets[half + i], 5));
        Assert.True(Enumerable.Range(0, faces.Count).Select(i => targets[i * EmotionLabels.Count]).Distinct().Count() > 1, "every image got the same target: the check would not see a fault");
    }

    [Fact]
    public void Targets_are_cached_for_the_same_teacher_and_images_and_scored_again_for_another_teacher()
    {
        FaceDataset faces = SyntheticFaces.Create(perClass: 2, seed: 4);
        var log = new StringWriter();

        float[] first = TeacherTargets.Load(_members.Paths[0], faces, _directory.Path, log);
        float[] again = TeacherTargets.Load(_members.Paths[0], faces, _directory.Path, log);
        float[] other = TeacherTargets.Load(_members.Paths[1], faces, _directory.Path, log);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        string[] lines = log.ToString().Split('\n');
        Assert.Equal(2, lines.Count(l => l.Contains("scoring", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("read from", StringComparison.Ordinal));
    }

    [Fact]
    public void A_student_trained_on_the_teachers_targets_moves_towards_the_teacher()
    {
        FaceDataset faces = SyntheticFaces.Create(perClass: 16, seed: 5);
        float[] targets = TeacherTargets.Score(_members.Paths[0], faces, log: null);
        manual_seed(21);
        using FerModel student = ModelCatalog.Create(FerVgg.Name);
        using var optimizer = optim.Adam(student.parameters(), 1e-3);
        int[] all = Enumerable.Range(0, faces.Count).ToArray();
        using Tensor images = BatchTensors.Pixels(faces, all);
        using Tensor labels = BatchTensors.Labels(faces, all);
        using Tensor teacher = tensor(targets, [faces.Count, EmotionLabels.Count]);
        double before = StudentLoss(student, images, teacher);

        for (int step = 0; step < 30; step++)
        {
            student.train();
            Trainer.Step(student, optimizer, images, labels, null, 0, teacher, distillationWeight: 1, temperature: 4);
        }

        double after = StudentLoss(student, images, teacher);
        Assert.True(after < before * 0.5, $"distillation loss against the teacher {before} -> {after}");
    }

    [Fact]
    public void A_run_started_from_an_onnx_distils_and_validates_its_weight_average()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 12, seed: 6);
        TrainingOptions options = TrainingRecipes.FerNet() with
        {
            Epochs = 2,
            BatchSize = 16,
            LearningRate = 0.01,
            ValidationFraction = 0.2,
            Augmentation = AugmentationSettings.None,
            InitialWeights = _members.Paths[0],
            Teacher = _members.Paths[0],
            WeightAverageDecay = 0.9,
        };
        var log = new StringWriter();

        TrainingResult result = new Trainer(options, _directory.Path, log).Train(TrainingSplit.Create(data, options), resume: false, CancellationToken.None);

        Assert.True(result.Finished);
        Assert.All(result.History, epoch => Assert.NotNull(epoch.AverageValidationAccuracy));
        Assert.True(File.Exists(Path.Combine(_directory.Path, TeacherTargets.FileName)));
        Assert.True(File.Exists(Path.Combine(_directory.Path, Trainer.LastAverageCheckpointName)));
        Assert.Contains("8 folded BatchNorm layers recalibrated", log.ToString());
    }

    private static double StudentLoss(FerModel student, Tensor images, Tensor teacher)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        student.eval();
        return DistillationLoss.Compute(student.forward(images), teacher, 4).item<float>();
    }

    private static byte[] Mirror(ReadOnlySpan<byte> pixels)
    {
        var mirrored = new byte[pixels.Length];
        for (int row = 0; row < pixels.Length / FaceInputContract.Width; row++)
        {
            for (int x = 0; x < FaceInputContract.Width; x++)
            {
                mirrored[row * FaceInputContract.Width + x] = pixels[row * FaceInputContract.Width + FaceInputContract.Width - 1 - x];
            }
        }

        return mirrored;
    }
}
