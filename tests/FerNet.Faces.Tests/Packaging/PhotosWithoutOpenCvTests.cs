using System.Reflection;
using System.Runtime.Loader;
using FerNet.Faces;
using FerNet.Testing.Faces;
using FerNet.Testing.Files;

namespace FerNet.Faces.Tests.Packaging;

/// <summary>
/// Analysing and annotating photos needs no OpenCV: FerNet.Faces is loaded afresh into a context of
/// its own, which records every assembly it asks for, and finds and draws the collage's faces there;
/// FerNet.Inference and FerNet.Core, which it asks for, reference no OpenCV either.
/// </summary>
public sealed class PhotosWithoutOpenCvTests(CollageFixture collage) : IClassFixture<CollageFixture>
{
    [Fact]
    public void AnalyzingAndAnnotatingAPhotoLoadsNoOpenCvSharpAssembly()
    {
        using var folder = new TemporaryDirectory();
        var context = new RecordingLoadContext(Path.GetDirectoryName(typeof(FaceEmotionAnalyzer).Assembly.Location)!);
        try
        {
            Assembly faces = context.LoadFromAssemblyName(new AssemblyName("FerNet.Faces"));
            Type analyzerType = faces.GetType("FerNet.Faces.FaceEmotionAnalyzer", throwOnError: true)!;
            Type modelType = typeof(FerNet.Inference.EmotionModel);
            Type optionsType = faces.GetType("FerNet.Faces.FaceAnalysisOptions", throwOnError: true)!;
            using var analyzer = (IDisposable)analyzerType.GetConstructor([modelType, optionsType])!.Invoke([null, null]);
            object found = analyzerType.GetMethod("Analyze", [typeof(string)])!.Invoke(analyzer, [collage.CollagePath])!;
            string annotated = folder.Combine("annotated.png");
            faces.GetType("FerNet.Faces.FaceAnnotator", throwOnError: true)!.GetMethod("WriteFile")!.Invoke(null, [collage.CollagePath, found, annotated]);

            Assert.Equal(collage.Found.Count, ((System.Collections.ICollection)found).Count);
            Assert.True(new FileInfo(annotated).Length > 0);
            Assert.Contains("FerNet.Inference", context.Requested);
            Assert.DoesNotContain(context.Requested, name => name.StartsWith("OpenCvSharp", StringComparison.Ordinal));
            Assembly[] dependencies = [faces, typeof(FerNet.Inference.EmotionModel).Assembly, typeof(FerNet.Core.Emotion).Assembly];
            Assert.DoesNotContain(dependencies.SelectMany(assembly => assembly.GetReferencedAssemblies()), name => name.Name!.StartsWith("OpenCvSharp", StringComparison.Ordinal));
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads FerNet.Faces from <paramref name="folder"/> and leaves the rest to the default context, recording every name asked for.</summary>
    private sealed class RecordingLoadContext(string folder) : AssemblyLoadContext("fernet-photos-only", isCollectible: true)
    {
        public List<string> Requested { get; } = [];

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string name = assemblyName.Name!;
            Requested.Add(name);
            return name == "FerNet.Faces" ? LoadFromAssemblyPath(Path.Combine(folder, name + ".dll")) : null;
        }
    }
}
