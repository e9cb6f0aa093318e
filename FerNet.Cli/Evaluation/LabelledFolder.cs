using FerNet.Common.IO;
using FerNet.Cli.Files;
using FerNet.Core;

namespace FerNet.Cli.Evaluation;

/// <summary>
/// Reads a labelled folder laid out as FER2013's Kaggle copy: one subfolder per class, named as
/// <see cref="EmotionLabels.Names"/> (angry, disgust, fear, happy, neutral, sad, surprise; case is
/// ignored), each holding that class's images. Classes may be missing; hidden files and folders are
/// ignored; files are not filtered by extension, so a file that is no image fails its scoring by name.
/// </summary>
internal static class LabelledFolder
{
    /// <summary>Every image of the folder with its label, class by class in canonical order, files in ordinal order of their names.</summary>
    /// <exception cref="DirectoryNotFoundException">There is no folder at <paramref name="folder"/>.</exception>
    /// <exception cref="InvalidLabelledFolderException">A subfolder names no emotion, two name the same one, no class folder holds a file, or a file is no regular file (a device or a pipe, which would be read without end or waited on).</exception>
    public static LabelledImages Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Labelled folder '{folder}' does not exist.");
        }

        var classes = new SortedDictionary<Emotion, string>();
        foreach (string subfolder in Directory.EnumerateDirectories(folder, "*", new EnumerationOptions()))
        {
            string name = Path.GetFileName(subfolder);
            if (!EmotionLabels.TryParse(name, out Emotion emotion))
            {
                throw new InvalidLabelledFolderException(
                    $"Labelled folder '{folder}' has a subfolder '{name}' that names no emotion; class folders are named {string.Join(", ", EmotionLabels.Names)}.");
            }

            if (!classes.TryAdd(emotion, subfolder))
            {
                throw new InvalidLabelledFolderException($"Labelled folder '{folder}' has two subfolders for {EmotionLabels.Name(emotion)}: '{Path.GetFileName(classes[emotion])}' and '{name}'.");
            }
        }

        var paths = new List<string>();
        var labels = new List<Emotion>();
        foreach ((Emotion emotion, string subfolder) in classes)
        {
            foreach (string file in Directory.EnumerateFiles(subfolder, "*", new EnumerationOptions()).Order(StringComparer.Ordinal))
            {
                if (RegularFile.ReadRefusal(file, $"Image file '{file}'") is string refusal)
                {
                    throw new InvalidLabelledFolderException(refusal);
                }

                paths.Add(file);
                labels.Add(emotion);
            }
        }

        if (paths.Count == 0)
        {
            throw new InvalidLabelledFolderException(
                $"Labelled folder '{folder}' holds no images in class subfolders; put each image in a subfolder named for its class ({string.Join(", ", EmotionLabels.Names)}).");
        }

        return new LabelledImages(paths, labels);
    }
}
