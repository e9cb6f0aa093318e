using FerNet.Core;
using FerNet.Inference;
using FerNet.Testing.Data;
using FerNet.Testing.Files;
using FerNet.Testing.Models;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace FerNet.Inference.Tests.Transforms;

/// <summary>mlContext.Transforms.PredictEmotion on FER2013 test faces: EmotionModel's answers, and the same after Save and Load.</summary>
public sealed class PredictEmotionTransformTests
{
    private const double Tolerance = 1e-6;

    private readonly MLContext _mlContext = new();

    [Fact]
    public void EveryRowGetsWhatEmotionModelSaysAboutItsImage()
    {
        (IDataView data, string folder, string[] paths) = FerFaces(perClass: 3);

        ITransformer model = Pipeline(folder).Fit(data);
        Scored[] scored = Score(model, data);

        IReadOnlyList<EmotionPrediction> expected = EmotionClassifier.Default.PredictBatch(paths.Select(path => Path.Combine(folder, path)));
        Assert.Equal(expected.Count, scored.Length);
        foreach ((EmotionPrediction prediction, Scored row) in expected.Zip(scored))
        {
            Assert.Equal(EmotionLabels.Name(prediction.Emotion), row.PredictedEmotion);
            Assert.Equal(EmotionLabels.Count, row.Probabilities.Length);
            Assert.All(EmotionLabels.All, emotion => Assert.Equal(prediction.ProbabilityOf(emotion), row.Probabilities[(int)emotion], Tolerance));
        }
    }

    [Fact]
    public void TheFittedPipelineSavesAndLoadsWithTheSameProbabilities()
    {
        (IDataView data, string folder, _) = FerFaces(perClass: 2);
        ITransformer model = Pipeline(folder).Fit(data);
        Scored[] before = Score(model, data);
        using var directory = new TemporaryDirectory();
        string zip = directory.Combine("emotions.zip");

        _mlContext.Model.Save(model, data.Schema, zip);
        var fresh = new MLContext();
        fresh.ComponentCatalog.RegisterAssembly(typeof(EmotionClassifier).Assembly);
        ITransformer loaded = fresh.Model.Load(zip, out DataViewSchema inputSchema);
        Scored[] after = Score(loaded, data);

        Assert.Equal(data.Schema.Select(column => column.Name), inputSchema.Select(column => column.Name));
        Assert.Equal(before.Select(row => row.PredictedEmotion), after.Select(row => row.PredictedEmotion));
        foreach ((Scored first, Scored second) in before.Zip(after))
        {
            Assert.All(first.Probabilities.Zip(second.Probabilities), pair => Assert.Equal(pair.First, pair.Second, Tolerance));
        }
    }

    [Fact]
    public void AModelFileIsUsedInsteadOfTheEmbeddedOne()
    {
        byte[] onnx = new LinearFaceModel(seed: 5, EmotionLabels.Names).ToOnnx();
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("linear.onnx");
        File.WriteAllBytes(path, onnx);
        (IDataView data, string folder, string[] paths) = FerFaces(perClass: 1);
        using EmotionModel expected = EmotionClassifier.FromStream(new MemoryStream(onnx));

        Scored[] scored = Score(_mlContext.Transforms.LoadImages("Image", folder, "ImagePath").Append(_mlContext.Transforms.PredictEmotion(modelPath: path)).Fit(data), data);

        foreach ((string image, Scored row) in paths.Zip(scored))
        {
            EmotionPrediction prediction = expected.Predict(Path.Combine(folder, image));
            Assert.All(EmotionLabels.All, emotion => Assert.Equal(prediction.ProbabilityOf(emotion), row.Probabilities[(int)emotion], Tolerance));
        }
    }

    [Fact]
    public void ColumnNamesAreTheCallersAndBadInputIsNamed()
    {
        (IDataView data, string folder, _) = FerFaces(perClass: 1);
        IEstimator<ITransformer> renamed = _mlContext.Transforms.LoadImages("Photo", folder, "ImagePath")
            .Append(_mlContext.Transforms.PredictEmotion("Mood", "Scores", "Photo"));

        // SchemaShape has no public factory: the input's shape comes from a mapping that writes FaceFile's columns.
        SchemaShape input = _mlContext.Transforms.CustomMapping<NoColumns, FaceFile>(static (_, _) => { }, contractName: null).GetOutputSchema(new SchemaShape([]));
        SchemaShape shape = renamed.GetOutputSchema(input);
        DataViewSchema schema = renamed.Fit(data).Transform(data).Schema;

        Assert.Contains(shape, column => column.Name == "Mood" && column.ItemType == TextDataViewType.Instance);
        Assert.Contains(shape, column => column.Name == "Scores" && column.Kind == SchemaShape.Column.VectorKind.Vector && column.ItemType == NumberDataViewType.Single);
        Assert.Equal(["ImagePath", "Label", "Photo", "Mood", "Scores"], schema.Where(column => !column.IsHidden).Select(column => column.Name));

        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => _mlContext.Transforms.PredictEmotion(inputColumnName: "Picture").Fit(data));
        Assert.Contains("'Picture'", missing.Message, StringComparison.Ordinal);
        var notImages = Assert.Throws<ArgumentOutOfRangeException>(() => _mlContext.Transforms.PredictEmotion(inputColumnName: "ImagePath").Fit(data));
        Assert.Contains("LoadImages", notImages.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => _mlContext.Transforms.PredictEmotion(modelPath: "no-such-model.onnx"));
    }

    [Fact]
    public void AModelWhoseLabelsAreNotInCanonicalOrderIsRefused()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("reversed.onnx");
        File.WriteAllBytes(path, new LinearFaceModel(seed: 5, [.. EmotionLabels.Names.Reverse()]).ToOnnx());

        var error = Assert.Throws<InvalidModelException>(() => _mlContext.Transforms.PredictEmotion(modelPath: path));

        Assert.Contains("[surprise, sad, neutral, happy, fear, disgust, angry]", error.Message, StringComparison.Ordinal);
    }

    private IEstimator<ITransformer> Pipeline(string folder) =>
        _mlContext.Transforms.LoadImages("Image", folder, "ImagePath").Append(_mlContext.Transforms.PredictEmotion());

    private Scored[] Score(ITransformer model, IDataView data) =>
        [.. _mlContext.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false)];

    private (IDataView Data, string Folder, string[] Paths) FerFaces(int perClass)
    {
        string folder = Path.Combine(SharedData.Fer2013Directory, "test");
        string[] paths = [.. EmotionLabels.Names.SelectMany(name => Directory.GetFiles(Path.Combine(folder, name))
            .Order(StringComparer.Ordinal)
            .Take(perClass)
            .Select(file => Path.Combine(name, Path.GetFileName(file))))];
        IDataView data = _mlContext.Data.LoadFromEnumerable(paths.Select(path => new FaceFile { ImagePath = path, Label = Path.GetDirectoryName(path)! }));
        return (data, folder, paths);
    }

    private sealed class NoColumns
    {
    }

    private sealed class FaceFile
    {
        public string ImagePath { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }

    private sealed class Scored
    {
        public string PredictedEmotion { get; set; } = string.Empty;

        public float[] Probabilities { get; set; } = [];
    }
}
