namespace FerNet.Training.Cli;

/// <summary>Checks a --data path before any work starts, and says where FER2013 comes from when it is missing.</summary>
internal static class DataLocation
{
    /// <exception cref="DirectoryNotFoundException"><paramref name="path"/> is neither a folder nor a file.</exception>
    public static string Require(string path)
    {
        if (Directory.Exists(path) || File.Exists(path))
        {
            return path;
        }

        throw new DirectoryNotFoundException(
            $"FER2013 was not found at '{Path.GetFullPath(path)}'. Pass --data the root of the Kaggle copy " +
            "(a folder with train/<class>/*.jpg and test/<class>/*.jpg; Kaggle dataset 'msambare/fer2013') " +
            "or the challenge's fer2013.csv (columns emotion,pixels,Usage; Kaggle competition " +
            "'challenges-in-representation-learning-facial-expression-recognition-challenge').");
    }
}
