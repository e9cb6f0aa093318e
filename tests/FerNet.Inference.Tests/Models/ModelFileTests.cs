using System.Collections.Concurrent;
using FerNet.Core;
using FerNet.Inference;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Inference.Tests.Models;

/// <summary>
/// Loading a model writes no copy of it anywhere: ONNX Runtime reads the bytes from memory. The
/// temporary folder is pointed at a fresh, watched folder while models load and score, so a file
/// that is written and deleted at once is seen too.
/// </summary>
[Collection(TemporaryFolderCollection.Name)]
public sealed class ModelFileTests : IDisposable
{
    private static readonly string[] TemporaryFolderVariables = ["TMPDIR", "TMP", "TEMP"];

    private readonly string _root = Directory.CreateTempSubdirectory("fernet-model-files-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Loading_and_scoring_models_writes_nothing_to_the_temporary_folder()
    {
        var linear = new LinearFaceModel(seed: 51, EmotionLabels.Names);
        string modelPath = Path.Combine(_root, "linear.onnx");
        File.WriteAllBytes(modelPath, linear.ToOnnx());
        byte[] face = TestFaces.GrayPng(seed: 52);
        string watched = Directory.CreateDirectory(Path.Combine(_root, "temp")).FullName;
        var created = new ConcurrentQueue<string>();
        Dictionary<string, string?> saved = TemporaryFolderVariables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        var flip = new EmotionModelOptions { TestTimeAugmentation = TestTimeAugmentation.HorizontalFlip };
        try
        {
            Array.ForEach(TemporaryFolderVariables, name => Environment.SetEnvironmentVariable(name, watched));
            Assert.Equal(Path.TrimEndingDirectorySeparator(watched), Path.TrimEndingDirectorySeparator(Path.GetTempPath()));
            using var watcher = new FileSystemWatcher(watched) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            watcher.Created += (_, e) => created.Enqueue(e.FullPath);
            watcher.Renamed += (_, e) => created.Enqueue(e.FullPath);

            using (EmotionModel fromFile = EmotionClassifier.Load(modelPath))
            using (EmotionModel fromBytes = EmotionClassifier.FromStream(new MemoryStream(linear.ToOnnx()), flip))
            using (var stream = new MemoryStream(linear.ToOnnx()))
            using (EmotionModel fromStream = EmotionClassifier.FromStream(stream))
            using (EmotionModel embedded = EmotionClassifier.LoadDefault(options: flip))
            {
                foreach (EmotionModel model in new[] { fromFile, fromBytes, fromStream, embedded })
                {
                    model.Predict(face);
                    model.PredictBatch([face, face]);
                }
            }

            // Events arrive in order, so once the marker's has come, any earlier file's has too.
            string marker = Path.Combine(watched, "marker");
            File.WriteAllBytes(marker, []);
            Assert.True(
                SpinWait.SpinUntil(() => created.Contains(marker), TimeSpan.FromSeconds(10)),
                "The file system watcher never reported the marker file.");
            Assert.Equal([marker], created.Distinct());
            Assert.Equal([marker], Directory.GetFileSystemEntries(watched));
        }
        finally
        {
            foreach ((string name, string? value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
