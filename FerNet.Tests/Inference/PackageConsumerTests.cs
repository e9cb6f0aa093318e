using System.Diagnostics;
using System.Globalization;
using FerNet.Core;
using FerNet.Inference;
using FerNet.Inference.Models;

namespace FerNet.Tests.Inference;

/// <summary>
/// Packs FerNet.Core and FerNet.Inference, builds a fresh console project outside the solution that
/// references the package from a local folder, and checks the answer it prints. The version is
/// unique and the consumer restores into a private packages folder (with the machine's global
/// folder as a read-only fallback), so no stale FerNet package can be picked up from a cache.
/// </summary>
public sealed class PackageConsumerTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

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
            RunDotnet(repository, "pack", Path.Combine(repository, project, $"{project}.csproj"), "-c", "Release", "-o", feed, $"-p:Version={version}");
        }

        var linear = new LinearFaceModel(seed: 41, EmotionLabels.Names);
        byte[] face = TestFaces.GrayPng(seed: 42);
        string modelPath = Path.Combine(_root, "model.onnx");
        string facePath = Path.Combine(_root, "face.png");
        File.WriteAllBytes(modelPath, linear.ToOnnx());
        File.WriteAllBytes(facePath, face);
        string app = WriteConsumerProject(feed, version);

        string output = RunDotnet(app, "run", "--project", app, "--", modelPath, facePath);

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

    private static string GlobalPackagesFolder()
    {
        string? configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        string listing = RunDotnet(Path.GetTempPath(), "nuget", "locals", "global-packages", "--list");
        return listing.Split(':', 2)[1].Trim();
    }

    private string WriteConsumerProject(string feed, string version)
    {
        string app = Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="fernet-local" value="{feed}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{GlobalPackagesFolder()}" />
              </fallbackPackageFolders>
            </configuration>
            """);
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

    private static string RunDotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings belong to the solution's build, not to these commands.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran past {CommandTimeout}.");
        }

        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output.Result}\n{errors.Result}");
        return output.Result;
    }
}
