using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Testing.Data;
using OpenCvSharp;

namespace FerNet.Testing.Faces;

/// <summary>
/// A 960 x 540 collage of twelve FER2013 test faces in a 4 x 3 grid, the analyzer with YuNet and
/// the embedded model, and what it found there: made once for all tests that look at it. The
/// collage and its annotated copy are kept under the test output, in faces-output/.
/// </summary>
public sealed class CollageFixture : IDisposable
{
    public const int Width = 960;
    public const int Height = 540;
    public const int FaceCount = 12;

    public CollageFixture()
    {
        Mat[] faces = FaceCanvas.FerFaces(FaceCount);
        Assert.Equal(FaceCount, faces.Length);
        Pasted = [.. Enumerable.Range(0, FaceCount).Select(i => new Rect(60 + (i % 4 * 230), 40 + (i / 4 * 170), FaceCanvas.FaceSide, FaceCanvas.FaceSide))];
        Collage = FaceCanvas.Compose(Width, Height, faces.Select((face, i) => (face, Pasted[i].Location)));
        Array.ForEach(faces, face => face.Dispose());

        Analyzer = new FaceEmotionAnalyzer(SharedData.YuNetModelPath);
        Found = Analyzer.Analyze(Collage);

        OutputDirectory = Path.Combine(AppContext.BaseDirectory, "faces-output");
        Directory.CreateDirectory(OutputDirectory);
        CollagePath = Path.Combine(OutputDirectory, "collage.png");
        WriteWhole(CollagePath, path => Cv2.ImWrite(path, Collage));
        AnnotatedPath = Path.Combine(OutputDirectory, "collage-annotated.png");
        WriteWhole(AnnotatedPath, path => FrameAnnotator.Write(Collage, Found, path));
    }

    /// <summary>Where each face was pasted, in the order of <see cref="FaceCanvas.FerFaces"/>.</summary>
    public Rect[] Pasted { get; }

    public Mat Collage { get; }

    public FaceEmotionAnalyzer Analyzer { get; }

    /// <summary>What <see cref="Analyzer"/> found in <see cref="Collage"/>.</summary>
    public IReadOnlyList<FaceEmotion> Found { get; }

    public string OutputDirectory { get; }

    /// <summary>The collage as a PNG file.</summary>
    public string CollagePath { get; }

    /// <summary>The collage with <see cref="Found"/> drawn on it.</summary>
    public string AnnotatedPath { get; }

    public void Dispose()
    {
        Analyzer.Dispose();
        Collage.Dispose();
    }

    // Test classes that share this fixture type each make one, in parallel, and read the files while
    // another instance writes them: each is written beside its place and renamed over it, whole.
    private static void WriteWhole(string path, Action<string> write)
    {
        string partial = Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}.{Guid.NewGuid():N}{Path.GetExtension(path)}");
        write(partial);
        File.Move(partial, path, overwrite: true);
    }
}
