using FerNet.Testing.Files;
using FerNet.Training.Reports;
using FerNet.Training.Runs;

namespace FerNet.Training.Tests.Reports;

public sealed class TrainingCurvesChartTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(80)]
    public void Writes_a_png_with_the_train_and_validation_curves(int epochs)
    {
        string path = _directory.Combine(Path.Combine("run", "curves.png"));

        TrainingCurvesChart.Write(History(epochs, StepDecay), "FerVgg on FER2013", path);

        var png = DecodedPng.Load(path);
        Assert.Equal(TrainingCurvesChart.Width, png.Width);
        Assert.Equal(TrainingCurvesChart.Height, png.Height);
        Assert.True(png.DistinctColours > 100, $"Only {png.DistinctColours} colours: the chart looks blank.");
        Assert.True(png.CountPixels(TrainingCurvesChart.TrainColor) > 20, "No train curve drawn.");
        Assert.True(png.CountPixels(TrainingCurvesChart.ValidationColor) > 20, "No validation curve drawn.");
    }

    [Fact]
    public void Draws_the_weight_averages_validation_accuracy_only_for_a_run_that_kept_one()
    {
        string without = _directory.Combine("without.png");
        string with = _directory.Combine("with.png");
        EpochRecord[] history = [.. History(12, StepDecay)];

        TrainingCurvesChart.Write(history, "no average", without);
        TrainingCurvesChart.Write([.. history.Select(r => r with { AverageValidationAccuracy = Math.Min(1, r.ValidationAccuracy + 0.01) })], "average", with);

        Assert.Equal(0, DecodedPng.Load(without).CountPixels(TrainingCurvesChart.AverageColor));
        Assert.True(DecodedPng.Load(with).CountPixels(TrainingCurvesChart.AverageColor) > 20, "No weight-average curve drawn.");
    }

    [Fact]
    public void Draws_a_learning_rate_that_is_constant_or_reaches_zero()
    {
        string constant = _directory.Combine("constant.png");
        string toZero = _directory.Combine("to-zero.png");

        TrainingCurvesChart.Write(History(10, _ => 1e-3), "constant", constant);
        TrainingCurvesChart.Write(History(10, epoch => 1e-3 * (10 - epoch) / 9), "to zero", toZero);

        Assert.Equal(TrainingCurvesChart.Height, DecodedPng.Load(constant).Height);
        Assert.Equal(TrainingCurvesChart.Height, DecodedPng.Load(toZero).Height);
    }

    [Fact]
    public void Rejects_an_empty_history()
    {
        string path = _directory.Combine("curves.png");

        var error = Assert.Throws<ArgumentException>(() => TrainingCurvesChart.Write([], "FerVgg", path));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Rejects_epochs_out_of_order()
    {
        var history = History(5, StepDecay).ToList();
        (history[2], history[3]) = (history[3], history[2]);

        var error = Assert.Throws<ArgumentException>(() => TrainingCurvesChart.Write(history, "FerVgg", _directory.Combine("c.png")));

        Assert.Contains("Epoch 3 follows epoch 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_accuracy_given_as_a_percentage()
    {
        var history = History(5, StepDecay).ToList();
        history[1] = history[1] with { ValidationAccuracy = 62.5 };

        var error = Assert.Throws<ArgumentException>(() => TrainingCurvesChart.Write(history, "FerVgg", _directory.Combine("c.png")));

        Assert.Contains("Epoch 2 has ValidationAccuracy = 62.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_loss_that_is_not_a_number()
    {
        var history = History(5, StepDecay).ToList();
        history[4] = history[4] with { TrainLoss = double.NaN };

        var error = Assert.Throws<ArgumentException>(() => TrainingCurvesChart.Write(history, "FerVgg", _directory.Combine("c.png")));

        Assert.Contains("Epoch 5 has TrainLoss = NaN", error.Message, StringComparison.Ordinal);
    }

    private static double StepDecay(int epoch) => epoch <= 5 ? 1e-2 : epoch <= 10 ? 1e-3 : 1e-4;

    /// <summary>Accuracy rising towards a plateau and validation loss turning up late, as in a real run.</summary>
    private static IReadOnlyList<EpochRecord> History(int epochs, Func<int, double> learningRate) =>
        [.. Enumerable.Range(1, epochs).Select(epoch =>
        {
            double progress = (double)epoch / epochs;
            double trainAccuracy = 0.25 + (0.6 * (1 - Math.Exp(-4 * progress)));
            double validationAccuracy = 0.25 + (0.42 * (1 - Math.Exp(-5 * progress))) + (0.01 * Math.Sin(epoch));
            return new EpochRecord(
                epoch,
                TrainLoss: 1.8 - (1.3 * trainAccuracy),
                trainAccuracy,
                ValidationLoss: 1.9 - (1.4 * validationAccuracy) + (0.3 * progress * progress),
                validationAccuracy,
                ValidationMacroF1: validationAccuracy - 0.05,
                learningRate(epoch),
                Seconds: 42);
        })];
}
