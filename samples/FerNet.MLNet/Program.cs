using System.Globalization;
using FerNet.Core;
using FerNet.Inference;
using FerNet.MLNet;
using Microsoft.ML;

// FerNet as one step of an ML.NET pipeline: load images, predict emotions, save, load, score again.
//   dotnet run --project samples/FerNet.MLNet -- ../shared/fer2013/test
// prints, with the embedded model:
//   angry/PublicTest_10116449.jpg    label angry    predicted fear     30.1 %
//   disgust/PublicTest_11387162.jpg  label disgust  predicted disgust  98.6 %
//   fear/PublicTest_10150476.jpg     label fear     predicted fear     34.8 %
//   happy/PublicTest_10130075.jpg    label happy    predicted happy    84.7 %
//   neutral/PublicTest_10014592.jpg  label neutral  predicted sad      42.0 %
//   sad/PublicTest_10404299.jpg      label sad      predicted neutral  30.8 %
//   surprise/PublicTest_10709121.jpg label surprise predicted surprise 93.8 %
//   saved 17024 KiB, loaded; largest probability difference 0
string folder = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("..", "shared", "fer2013", "test"));
if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"No image folder '{folder}': pass a folder with one subfolder per emotion, such as FER2013's test/.");
    return 2;
}

var mlContext = new MLContext();
FaceFileRow[] faces = [.. EmotionLabels.Names
    .Where(name => Directory.Exists(Path.Combine(folder, name)))
    .Select(name => new FaceFileRow
    {
        ImagePath = Path.Combine(name, Path.GetFileName(Directory.GetFiles(Path.Combine(folder, name)).Order(StringComparer.Ordinal).First())),
        Label = name,
    })];
IDataView data = mlContext.Data.LoadFromEnumerable(faces);

IEstimator<ITransformer> pipeline = mlContext.Transforms.LoadImages("Image", folder, nameof(FaceFileRow.ImagePath))
    .Append(mlContext.Transforms.PredictEmotion());
ITransformer model = pipeline.Fit(data);
ScoredFaceRow[] scored = Score(model);

foreach (ScoredFaceRow row in scored)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.ImagePath,-32} label {row.Label,-8} predicted {row.PredictedEmotion,-8} {row.Probabilities.Max():P1}"));
}

// A fresh context, as another process would have, needs FerNet's steps registered before Load.
string zip = Path.Combine(Path.GetTempPath(), $"fernet-emotions-{Environment.ProcessId}.zip");
mlContext.Model.Save(model, data.Schema, zip);
var loadingContext = new MLContext();
loadingContext.ComponentCatalog.RegisterAssembly(typeof(EmotionClassifier).Assembly);
ITransformer loaded = loadingContext.Model.Load(zip, out _);
double largestDifference = Score(loaded).Zip(scored).Max(pair => pair.First.Probabilities.Zip(pair.Second.Probabilities).Max(p => Math.Abs(p.First - p.Second)));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saved {new FileInfo(zip).Length / 1024} KiB, loaded; largest probability difference {largestDifference:G3}"));
File.Delete(zip);
return 0;

ScoredFaceRow[] Score(ITransformer transformer) =>
    [.. mlContext.Data.CreateEnumerable<ScoredFaceRow>(transformer.Transform(data), reuseRowObject: false)];
