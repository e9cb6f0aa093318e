namespace FerNet.Testing.Data;

/// <summary>
/// Finds the data every developer and CI run has beside the repository: <c>../shared</c> relative
/// to the folder holding FerNet.sln. Tests that need it fail, never skip, when it is missing.
/// </summary>
public static class SharedData
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds FerNet.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared folder beside the repository (<c>../shared</c>).</summary>
    public static string SharedDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>
    /// The FER2013 folder in the Kaggle layout (<c>train/</c>, <c>test/</c>): <c>$FERNET_DATA</c> if
    /// set, else <c>../shared/fer2013</c>. Fails the calling test when the folder is missing.
    /// </summary>
    public static string Fer2013Directory
    {
        get
        {
            string directory = Environment.GetEnvironmentVariable("FERNET_DATA") is { Length: > 0 } data
                ? Path.GetFullPath(data)
                : Path.Combine(SharedDirectory, "fer2013");
            if (!Directory.Exists(directory))
            {
                Assert.Fail($"FER2013 is missing: no folder {directory}. Put the Kaggle layout (train/, test/) there or point FERNET_DATA at it.");
            }

            return directory;
        }
    }

    /// <summary>
    /// The YuNet face detector model that tests of FerNet.Faces use:
    /// <c>../shared/models/face_detection_yunet.onnx</c>. Fails the calling test when it is missing.
    /// </summary>
    public static string YuNetModelPath
    {
        get
        {
            string path = Path.Combine(SharedDirectory, "models", "face_detection_yunet.onnx");
            if (!File.Exists(path))
            {
                Assert.Fail($"The YuNet face detector is missing: no file {path}. Get face_detection_yunet_2023mar.onnx from the OpenCV Zoo (github.com/opencv/opencv_zoo, models/face_detection_yunet) and put it there.");
            }

            return path;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FerNet.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds FerNet.sln.");
    }
}
