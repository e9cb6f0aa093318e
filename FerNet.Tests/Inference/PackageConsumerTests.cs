using System.Globalization;
using FerNet.Core;
using FerNet.Inference;
using FerNet.Inference.Models;
using FerNet.Tests.TestData;

namespace FerNet.Tests.Inference;

/// <summary>
/// Packs FerNet.Core and FerNet.Inference, builds a fresh console project outside the solution that
/// references the package from a local folder, and checks the answer it prints. The version is
/// unique and the consumer restores into a private packages folder (with the machine's global
/// folder as a read-only fallback), so no stale FerNet package can be picked up from a cache.
/// </summary>
public sealed class PackageConsumerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fernet-consumer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_console_app_referencing_the_package_classifies_a_face()
    {
        string repository = RepositoryRoot();
        string version = $"0.0.0-consumer.{Guid.NewGuid():N}";
        string feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        foreach (string project in new[] { "FerNet.Core", "FerNet.Inference" })
        {
            ExternalProcess.RunIn(repository, "dotnet", "pack", Path.Combine(repository, project, $"{project}.csproj"), "-c", "Release", "-o", feed, $"-p:Version={version}");
        }

        var linear = new LinearFaceModel(seed: 41, EmotionLabels.Names);
        byte[] face = TestFaces.GrayPng(seed: 42);
        string modelPath = Path.Combine(_root, "model.onnx");
        string facePath = Path.Combine(_root, "face.png");
        File.WriteAllBytes(modelPath, linear.ToOnnx());
        File.WriteAllBytes(facePath, face);
        string app = WriteConsumerProject(feed, version);

        string output = ExternalProcess.RunIn(app, "dotnet", "run", "--project", app, "--", modelPath, facePath);

        float[] expected = linear.Expected(TestFaces.TrainingTensor(face));
        string[] lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        float[] probabilities = [.. Value(lines, "probabilities").Split(',').Select(p => float.Parse(p, CultureInfo.InvariantCulture))];
        Assert.Equal(expected.Length, probabilities.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - probabilities[i]) <= PredictionAssert.Tolerance, $"P({EmotionLabels.Names[i]}) printed {probabilities[i]}, expected {expected[i]}.\n{output}");
        }

        Assert.Equal(((Emotion)Array.IndexOf(expected, expected.Max())).ToString(), Value(lines, "emotion"));
        bool defaultEmbedded = typeof(EmotionClassifier).Assembly.GetManifestResourceNames().Contains(EmbeddedModel.DefaultResourceName);
        Assert.StartsWith(defaultEmbedded ? "predicted" : "missing: No default model is embedded", Value(lines, "default"));
    }

    private static string Value(string[] lines, string key) =>
        lines.SingleOrDefault(line => line.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..]
        ?? throw new Xunit.Sdk.XunitException($"The consumer printed no '{key}=' line:\n{string.Join('\n', lines)}");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FerNet.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No FerNet.sln above {AppContext.BaseDirectory}.");
    }


    private string WriteConsumerProject(string feed, string version)
    {
        string app = Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;
        LocalFeedConfig.Write(Path.Combine(app, "nuget.config"), feed, Path.Combine(_root, "packages"));
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="FerNet.Inference" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Globalization;
            using FerNet.Inference;

            using (EmotionModel model = EmotionClassifier.Load(args[0]))
            {
                EmotionPrediction prediction = model.Predict(args[1]);
                Console.WriteLine($"emotion={prediction.Emotion}");
                Console.WriteLine($"probabilities={string.Join(",", prediction.Probabilities.Select(p => p.ToString("R", CultureInfo.InvariantCulture)))}");
                Console.WriteLine($"text={prediction}");
            }

            try
            {
                Console.WriteLine($"default=predicted {EmotionClassifier.Predict(args[1])}");
            }
            catch (InvalidOperationException e)
            {
                Console.WriteLine($"default=missing: {e.Message}");
            }
            """);
        return app;
    }

}
