using FerNet.Testing.Processes;

namespace FerNet.Faces.Tests.Packaging;

/// <summary>
/// FerNet.Core, FerNet.Inference and FerNet.Faces packed into a local feed, and a console project
/// outside the solution that references FerNet.Faces from it, built once. The app's verbs:
/// <c>linear model.onnx face.png</c> scores a face with a model file and with the default model;
/// <c>crops folder</c> prints the default model's probabilities for every image in the folder;
/// <c>photos folder</c> prints every face FaceEmotionAnalyzer finds in every image in the folder.
/// </summary>
public sealed class ConsumerAppFixture : PackedFeed
{
    public ConsumerAppFixture()
        : base("consumer", "FerNet.Core", "FerNet.Inference", "FerNet.Faces")
    {
        App = Directory.CreateDirectory(Path.Combine(Root, "app")).FullName;
        LocalFeedConfig.Write(Path.Combine(App, "nuget.config"), Feed, PackagesFolder);
        File.WriteAllText(Path.Combine(App, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="FerNet.Faces" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(App, "Program.cs"), Program);
        ExternalProcess.RunIn(App, LocalFeedConfig.Environment(PackagesFolder), "dotnet", "build", App, "-c", "Release", "-o", Path.Combine(Root, "bin"));
    }

    /// <summary>The consumer project's folder.</summary>
    public string App { get; }

    /// <summary>Runs the built app with <paramref name="arguments"/> and returns its output lines.</summary>
    public string[] Run(params string[] arguments) =>
        ExternalProcess.RunIn(App, "dotnet", [Path.Combine(Root, "bin", "Consumer.dll"), .. arguments])
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private const string Program = """
        using System.Globalization;
        using FerNet.Faces;
        using FerNet.Inference;

        static string Numbers(IEnumerable<float> values) => string.Join(",", values.Select(p => p.ToString("R", CultureInfo.InvariantCulture)));

        switch (args[0])
        {
            case "linear":
                using (EmotionModel model = EmotionClassifier.Load(args[1]))
                {
                    EmotionPrediction prediction = model.Predict(args[2]);
                    Console.WriteLine($"emotion={prediction.Emotion}");
                    Console.WriteLine($"probabilities={Numbers(prediction.Probabilities)}");
                }

                try
                {
                    Console.WriteLine($"default=predicted {EmotionClassifier.Predict(args[2])}");
                }
                catch (InvalidOperationException e)
                {
                    Console.WriteLine($"default=missing: {e.Message}");
                }

                break;
            case "crops":
                foreach (string path in Directory.GetFiles(args[1]).Order(StringComparer.Ordinal))
                {
                    Console.WriteLine($"{Path.GetFileName(path)}={Numbers(EmotionClassifier.Predict(path).Probabilities)}");
                }

                break;
            case "photos":
                using (var analyzer = new FaceEmotionAnalyzer())
                {
                    foreach (string path in Directory.GetFiles(args[1]).Order(StringComparer.Ordinal))
                    {
                        IEnumerable<string> faces = analyzer.Analyze(path).Select(face => $"{face.Box.X},{face.Box.Y},{face.Box.Width},{face.Box.Height}:{Numbers(face.Prediction.Probabilities)}");
                        Console.WriteLine($"{Path.GetFileName(path)}={string.Join(";", faces)}");
                    }
                }

                break;
        }

        // Which SkiaSharp the app resolved, for the tests' failure messages.
        Console.WriteLine($"skiasharp={AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "SkiaSharp")?.GetName().Version}");
        """;
}
