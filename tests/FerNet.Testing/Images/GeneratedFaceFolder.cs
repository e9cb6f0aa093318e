using FerNet.Core;

namespace FerNet.Testing.Images;

/// <summary>Generated gray PNG faces written in FER2013's Kaggle layout, labels cycling through the classes.</summary>
public static class GeneratedFaceFolder
{
    /// <summary>Writes <paramref name="count"/> faces under <paramref name="root"/>/<paramref name="split"/>/&lt;class&gt;/ and returns them with their labels.</summary>
    public static List<(string Path, Emotion Label)> Write(string root, string split, int count, int firstSeed)
    {
        var faces = new List<(string, Emotion)>();
        for (int i = 0; i < count; i++)
        {
            var label = (Emotion)(i % EmotionLabels.Count);
            string folder = Path.Combine(root, split, EmotionLabels.Name(label));
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, $"{i}.png");
            File.WriteAllBytes(path, TestFaces.GrayPng(seed: firstSeed + i));
            faces.Add((path, label));
        }

        return faces;
    }
}
