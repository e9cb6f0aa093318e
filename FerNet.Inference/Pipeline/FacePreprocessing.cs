using FerNet.Core;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace FerNet.Inference;

/// <summary>
/// The image half of the ML.NET pipeline, built once: resize to 48 x 48 (scaled to cover and
/// centre-cropped, so a face crop that is not square keeps its proportions), then 8-bit gray
/// (ITU-R BT.709 luminance, rounded, as ImageSharp's L8 computes it) divided by 255. For any image
/// this is the training side's "decode to 8-bit gray, value / 255".
/// </summary>
/// <remarks>
/// Gray conversion and pixel extraction are one custom mapping rather than ML.NET's
/// ConvertToGrayscale and ExtractPixels, because both of those go wrong when the process loads
/// SkiaSharp 3 (ScottPlot brings it) instead of the 2.88 that ML.NET 5.0.1 was built against:
/// ConvertToGrayscale's colour matrix then changes gray pixels by up to 42 levels, and
/// ExtractPixels' <see cref="MLImage.Pixels"/> throws <see cref="MissingMethodException"/>.
/// ResizeImages and <see cref="MLImage.GetBGRPixels"/> behave the same under both.
/// </remarks>
internal sealed class FacePreprocessing
{
    /// <summary>The column holding the decoded image, and then the image resized to 48 x 48.</summary>
    public const string ImageColumn = "image";

    private readonly MLContext _mlContext;

    /// <param name="mlContext">The context the pipeline belongs to.</param>
    /// <param name="mirrored">Whether each face comes out mirrored left to right (after the resize): the second view of <see cref="TestTimeAugmentation.HorizontalFlip"/>.</param>
    public FacePreprocessing(MLContext mlContext, bool mirrored = false)
    {
        _mlContext = mlContext;
        IDataView empty = mlContext.Data.LoadFromEnumerable(Array.Empty<FaceImageRow>());
        ITransformer resize = mlContext.Transforms.ResizeImages(
                ImageColumn,
                FaceInputContract.Width,
                FaceInputContract.Height,
                ImageColumn,
                ImageResizingEstimator.ResizingKind.IsoCrop,
                ImageResizingEstimator.Anchor.Center)
            .Fit(empty);

        // Fitted on its own: inside an estimator chain, the custom mapping's schema check compares
        // image types by reference and refuses the resize step's Image<48, 48>.
        ITransformer grayPixels = mlContext.Transforms
            .CustomMapping<FaceImageRow, FaceTensorRow>(mirrored ? WriteMirroredScaledGray : WriteScaledGray, contractName: null)
            .Fit(resize.Transform(empty));
        Transformer = resize.Append(grayPixels);
    }

    /// <summary>The fitted transformer: <see cref="FaceImageRow"/> in, an "input" column of 1 x 48 x 48 floats out.</summary>
    public ITransformer Transformer { get; }

    /// <summary>
    /// Preprocesses <paramref name="images"/> in one pass over an IDataView and writes them back to
    /// back into <paramref name="tensor"/>, which then holds an [images.Count, 1, 48, 48] tensor.
    /// </summary>
    public void WriteTensor(IReadOnlyList<MLImage> images, Span<float> tensor)
    {
        if (tensor.Length != images.Count * FaceInputContract.PixelCount)
        {
            throw new ArgumentException($"A tensor for {images.Count} images needs {images.Count * FaceInputContract.PixelCount} floats, got {tensor.Length}.", nameof(tensor));
        }

        IDataView rows = _mlContext.Data.LoadFromEnumerable(images.Select(image => new FaceImageRow { Image = image }));
        IDataView preprocessed = Transformer.Transform(rows);
        DataViewSchema.Column column = preprocessed.Schema[FaceInputContract.InputName];
        using DataViewRowCursor cursor = preprocessed.GetRowCursor([column]);
        ValueGetter<VBuffer<float>> getPixels = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> pixels = default;
        int row = 0;
        while (cursor.MoveNext())
        {
            getPixels(ref pixels);
            pixels.CopyTo(tensor.Slice(row * FaceInputContract.PixelCount, FaceInputContract.PixelCount));
            row++;
        }
    }

    private static void WriteScaledGray(FaceImageRow source, FaceTensorRow destination)
    {
        byte[] bgr = source.Image!.GetBGRPixels;
        var input = new float[FaceInputContract.PixelCount];
        for (int i = 0; i < input.Length; i++)
        {
            byte gray = (byte)((bgr[(3 * i) + 2] * 0.2126f) + (bgr[(3 * i) + 1] * 0.7152f) + (bgr[3 * i] * 0.0722f) + 0.5f);
            input[i] = gray * FaceInputContract.PixelScale;
        }

        destination.Input = input;
    }

    private static void WriteMirroredScaledGray(FaceImageRow source, FaceTensorRow destination)
    {
        WriteScaledGray(source, destination);
        FaceMirror.MirrorInPlace(destination.Input);
    }
}
