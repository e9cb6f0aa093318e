using System.Collections.ObjectModel;
using FerNet.Core;

namespace FerNet.Training.Data;

/// <summary>
/// A set of labelled 48x48 grayscale faces held compactly in memory: one byte per pixel, images
/// back to back in row-major order, and one <see cref="Emotion"/> per image. The whole FER2013
/// training split takes 66 MB this way.
/// </summary>
public sealed class FaceDataset
{
    private readonly byte[] _pixels;
    private readonly Emotion[] _labels;
    private readonly ReadOnlyCollection<string>? _sources;

    /// <summary>
    /// Creates a dataset over <paramref name="pixels"/> (Count x 2304 bytes) and <paramref name="labels"/>,
    /// optionally with the <paramref name="sources"/> the images came from.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The pixel buffer does not hold exactly one 48x48 image per label, or there is not one source per label.
    /// </exception>
    public FaceDataset(byte[] pixels, Emotion[] labels, IReadOnlyList<string>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (sources is not null && sources.Count != labels.Length)
        {
            throw new ArgumentException($"Expected one source per label ({labels.Length}), got {sources.Count}.", nameof(sources));
        }
        if (pixels.Length != labels.Length * FaceInputContract.PixelCount)
        {
            throw new ArgumentException(
                $"Expected {labels.Length} x {FaceInputContract.PixelCount} = {labels.Length * FaceInputContract.PixelCount} pixels for {labels.Length} labels, got {pixels.Length}.",
                nameof(pixels));
        }

        foreach (Emotion label in labels)
        {
            if ((uint)label >= EmotionLabels.Count)
            {
                throw new ArgumentException($"Label {(int)label} is not one of the seven emotions.", nameof(labels));
            }
        }

        _pixels = pixels;
        _labels = labels;
        _sources = sources?.ToArray().AsReadOnly();
    }

    /// <summary>The number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>All pixels, image after image.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>All labels, in image order.</summary>
    public ReadOnlySpan<Emotion> Labels => _labels;

    /// <summary>
    /// Where each image came from, in image order: the image file's full path, or for a CSV row
    /// "<c>file.csv:line</c>". Null for a dataset built in memory without sources.
    /// </summary>
    public IReadOnlyList<string>? Sources => _sources;

    /// <summary>The 2304 pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index) => _pixels.AsSpan(index * FaceInputContract.PixelCount, FaceInputContract.PixelCount);

    /// <summary>The label of image <paramref name="index"/>.</summary>
    public Emotion Label(int index) => _labels[index];

    /// <summary>How many images each emotion has, in canonical order.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[EmotionLabels.Count];
        foreach (Emotion label in _labels)
        {
            counts[(int)label]++;
        }

        return counts;
    }

    /// <summary>A new dataset holding copies of the images at <paramref name="indices"/>, in that order.</summary>
    public FaceDataset Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var pixels = new byte[indices.Count * FaceInputContract.PixelCount];
        var labels = new Emotion[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * FaceInputContract.PixelCount));
            labels[i] = _labels[indices[i]];
        }

        string[]? sources = null;
        if (_sources is not null)
        {
            sources = new string[indices.Count];
            for (int i = 0; i < indices.Count; i++)
            {
                sources[i] = _sources[indices[i]];
            }
        }

        return new FaceDataset(pixels, labels, sources);
    }
}
