using System.Globalization;
using FerNet.Core;
using FerNet.Training.Data;
using FerNet.Core.Models;
using FerNet.Inference;
using FerNet.Tests.TestData;
using FerNet.Training.Models;

namespace FerNet.Tests.Inference;

/// <summary>Scores FER2013's PublicTest split once with the embedded model, two ways, for the tests below.</summary>
public sealed class DefaultModelScores
{
    public DefaultModelScores()
    {
        Test = Fer2013.Load(SharedData.Fer2013Directory, Fer2013Split.PublicTest);
        FromFiles = EmotionClassifier.PredictBatch(Test.Sources!);
        FromTrainingPixels = Enumerable.Range(0, Test.Count).Select(i => EmotionClassifier.PredictPixels(Test.Image(i))).ToArray();
    }

    /// <summary>The PublicTest split as FerNet.Core's reader (the training side) decodes it.</summary>
    public FaceDataset Test { get; }

    /// <summary>Predictions through the user's path: files decoded and preprocessed by the ML.NET pipeline.</summary>
    public IReadOnlyList<EmotionPrediction> FromFiles { get; }

    /// <summary>Predictions on the training side's decoded pixels.</summary>
    public IReadOnlyList<EmotionPrediction> FromTrainingPixels { get; }
}

public sealed class DefaultModelTests(DefaultModelScores scores) : IClassFixture<DefaultModelScores>
{
    [Fact]
    public void TheLiteralCallWorksOnAFaceCrop()
    {
        string happyFace = scores.Test.Sources![Array.IndexOf(scores.Test.Labels.ToArray(), Emotion.Happy)];

        EmotionPrediction prediction = EmotionClassifier.Predict(happyFace);

        Assert.Equal(EmotionLabels.Count, prediction.Probabilities.Count);
        Assert.Equal(1f, prediction.Probabilities.Sum(), 3);
        Assert.Equal(prediction.Probability, prediction.Probabilities.Max());
    }

    [Fact]
    public void EmbeddedModelScoresTheAccuracyItsMetadataClaims()
    {
        double claimed = double.Parse(EmotionClassifier.DefaultModelMetadata[ModelMetadataKeys.TestAccuracy], CultureInfo.InvariantCulture);
        double measured = Accuracy(scores.FromFiles);

        Assert.InRange(measured, claimed - 0.001, claimed + 0.001);
    }

    [Fact]
    public void UsersPipelineAndTrainingPreprocessingAgreeOnAtLeast995PercentOfTestImages()
    {
        int agree = scores.FromFiles.Zip(scores.FromTrainingPixels).Count(p => p.First.Emotion == p.Second.Emotion);

        Assert.True(agree >= 0.995 * scores.Test.Count, $"only {agree} of {scores.Test.Count} agree");
    }

    [Fact]
    public void MetadataDescribesTheModel()
    {
        IReadOnlyDictionary<string, string> metadata = EmotionClassifier.DefaultModelMetadata;

        Assert.Equal(string.Join(',', EmotionLabels.Names), metadata[ModelMetadataKeys.Labels]);
        string architecture = metadata[ModelMetadataKeys.Architecture];
        string[] members = architecture.StartsWith("ensemble(", StringComparison.Ordinal) && architecture.EndsWith(')')
            ? architecture["ensemble(".Length..^1].Split(',')
            : [architecture];
        Assert.All(members, member => Assert.Contains(member, ModelCatalog.Names));
        Assert.True(double.Parse(metadata[ModelMetadataKeys.ValidationAccuracy], CultureInfo.InvariantCulture) > 0.5);
    }

    private double Accuracy(IReadOnlyList<EmotionPrediction> predictions) =>
        (double)predictions.Select((p, i) => p.Emotion == scores.Test.Label(i) ? 1 : 0).Sum() / scores.Test.Count;
}
