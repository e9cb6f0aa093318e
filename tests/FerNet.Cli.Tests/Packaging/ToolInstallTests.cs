using System.Globalization;
using System.IO.Compression;
using FerNet.Core;
using FerNet.Inference;
using FerNet.Testing.Data;
using FerNet.Testing.Faces;
using FerNet.Testing.Processes;

namespace FerNet.Cli.Tests.Packaging;

/// <summary>
/// Installs the <c>fernet</c> tool from a locally packed feed into a fresh folder and runs it on a
/// FER2013 test face and on a photo with several faces, without a detector file. The install
/// restores into a private packages folder, with the machine's global folder only as a read-only
/// fallback, so no stale FerNet package can be picked up from a cache.
/// </summary>
public sealed class ToolInstallTests(ToolFeedFixture packed, CollageFixture collage) : IClassFixture<ToolFeedFixture>, IClassFixture<CollageFixture>
{
    // Assemblies of training and reporting, which the tool must not carry.
    private static readonly string[] TrainingAssemblies = ["TorchSharp", "ScottPlot", "SixLabors.ImageSharp", "OnnxSharp"];

    [Fact]
    public void TheInstalledToolClassifiesAFer2013FaceAndFindsTheFacesOfAPhotoWithTheBundledDetectorAndLeavesNothingInTheMachineCache()
    {
        string fernet = Path.Combine(InstallTool(), "fernet");
        string face = Directory.GetFiles(Path.Combine(SharedData.Fer2013Directory, "test", "happy")).Order(StringComparer.Ordinal).First();
        string facesOut = Path.Combine(packed.Root, "faces-out");

        string predicted = ExternalProcess.Run(fernet, "predict", face);
        string found = ExternalProcess.Run(fernet, "faces", collage.CollagePath, "--out", facesOut);

        EmotionPrediction expected = EmotionClassifier.Predict(face);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(face)}: {EmotionLabels.Name(expected.Emotion)} ({expected.Probability:0.0%})"), predicted, StringComparison.Ordinal);
        Assert.True(collage.Found.Count >= Math.Ceiling(0.9 * CollageFixture.FaceCount), $"The collage fixture found {collage.Found.Count} faces.");
        Assert.StartsWith($"collage.png: {collage.Found.Count} faces: ", found, StringComparison.Ordinal);
        Assert.Equal(collage.Found.Count + 1, File.ReadAllLines(Path.Combine(facesOut, "faces.csv")).Length);
        Assert.True(File.Exists(Path.Combine(facesOut, "collage.faces.png")));
        Assert.False(packed.MachineCacheHoldsThisVersion(), $"The install left a FerNet package {packed.Version} in {LocalFeedConfig.MachinePackagesFolder()}.");
    }

    [Fact]
    public void TheToolPackageCarriesTheInferenceAssembliesAndNoneOfTraining()
    {
        using ZipArchive archive = ZipFile.OpenRead(packed.ToolPackage);
        string[] assemblies = [.. archive.Entries.Where(entry => entry.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Select(entry => entry.Name)];

        Assert.Contains("fernet.dll", assemblies);
        Assert.Contains("FerNet.Inference.dll", assemblies);
        Assert.Contains("FerNet.Faces.dll", assemblies);
        Assert.Contains("OpenCvSharp.dll", assemblies);
        Assert.Contains(archive.Entries, entry => entry.FullName == "tools/net10.0/linux-x64/DotnetToolSettings.xml");
        Assert.Contains(archive.Entries, entry => entry.FullName == "README.md");
        Assert.Contains(archive.Entries, entry => entry.FullName == "THIRD-PARTY-NOTICES.md");
        Assert.DoesNotContain(assemblies, name => TrainingAssemblies.Any(training => name.StartsWith(training, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void TheToolIsPackedPerPlatformAndTheLinuxPackageCarriesLinuxX64NativesOnly()
    {
        using ZipArchive pointer = ZipFile.OpenRead(packed.PointerPackage);
        using var settings = new StreamReader((pointer.GetEntry("tools/any/any/DotnetToolSettings.xml") ?? throw new Xunit.Sdk.XunitException("The pointer package has no DotnetToolSettings.xml.")).Open());
        string listed = settings.ReadToEnd();
        using ZipArchive linux = ZipFile.OpenRead(packed.ToolPackage);
        string[] natives = [.. linux.Entries.Select(entry => entry.FullName).Where(name => name.EndsWith(".so", StringComparison.Ordinal) || name.EndsWith(".dylib", StringComparison.Ordinal) || name.Contains("/runtimes/", StringComparison.Ordinal))];

        foreach (string rid in new[] { "linux-x64", "linux-arm64", "osx-arm64", "win-x64" })
        {
            Assert.Contains($"RuntimeIdentifier=\"{rid}\" Id=\"FerNet.Cli.{rid}\"", listed, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(packed.Feed, $"FerNet.Cli.{rid}.{packed.Version}.nupkg")), $"No FerNet.Cli.{rid} package was packed.");
        }

        Assert.DoesNotContain(pointer.Entries, entry => entry.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("tools/net10.0/linux-x64/libonnxruntime.so", natives);
        Assert.Contains("tools/net10.0/linux-x64/libSkiaSharp.so", natives);
        Assert.All(natives, name => Assert.StartsWith("tools/net10.0/linux-x64/lib", name, StringComparison.Ordinal));
    }

    [Fact]
    public void TheFacesPackageShipsTheYuNetLicenceNoticeAtItsRoot()
    {
        using ZipArchive archive = ZipFile.OpenRead(Path.Combine(packed.Feed, $"FerNet.Faces.{packed.Version}.nupkg"));

        ZipArchiveEntry notice = archive.GetEntry("THIRD-PARTY-NOTICES.md") ?? throw new Xunit.Sdk.XunitException("FerNet.Faces has no THIRD-PARTY-NOTICES.md at its root.");
        using var reader = new StreamReader(notice.Open());
        string text = reader.ReadToEnd();

        Assert.Contains("https://github.com/opencv/opencv_zoo", text, StringComparison.Ordinal);
        Assert.Contains("Copyright (c) 2020 Shiqi Yu <shiqi.yu@gmail.com>", text, StringComparison.Ordinal);
        Assert.Contains("Permission is hereby granted, free of charge", text, StringComparison.Ordinal);
    }

    /// <summary>Installs FerNet.Cli from the feed into a new tool folder; returns the folder.</summary>
    private string InstallTool()
    {
        string install = Directory.CreateDirectory(Path.Combine(packed.Root, $"install-{Guid.NewGuid():N}")).FullName;
        string config = Path.Combine(install, "nuget.config");
        string packages = Path.Combine(install, "packages");
        LocalFeedConfig.Write(config, packed.Feed, packages);
        string tools = Path.Combine(install, "tools");
        ExternalProcess.RunIn(install, LocalFeedConfig.Environment(packages), "dotnet", "tool", "install", "--tool-path", tools, "--add-source", packed.Feed, "--configfile", config, "FerNet.Cli", "--version", packed.Version);
        return tools;
    }
}
