using FerNet.Core;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace FerNet.Inference;

/// <summary>
/// The image half of the ML.NET pipeline, built once: grayscale, resize to 48 x 48 (scaled to cover
/// and centre-cropped, so a face crop that is not square keeps its proportions), then the red
/// channel of the gray image as floats scaled by 1/255, which is the training side's "8-bit gray,
/// value / 255" for a gray image. Colour images are converted with ML.NET's weights
/// (0.3 R + 0.59 G + 0.11 B).
/// </summary>
internal sealed class FacePreprocessing
{
    /// <summary>The input column holding the decoded image.</summary>
    public const string ImageColumn = "image";

    private const string GrayColumn = "gray";
    private const string ResizedColumn = "resized";

    private readonly MLContext _mlContext;

    public FacePreprocessing(MLContext mlContext)
    {
        _mlContext = mlContext;
        var estimator = mlContext.Transforms.ConvertToGrayscale(GrayColumn, ImageColumn)
            .Append(mlContext.Transforms.ResizeImages(
                ResizedColumn,
                FaceInputContract.Width,
                FaceInputContract.Height,
                GrayColumn,
                ImageResizingEstimator.ResizingKind.IsoCrop,
                ImageResizingEstimator.Anchor.Center))
            .Append(mlContext.Transforms.ExtractPixels(
                FaceInputContract.InputName,
                ResizedColumn,
                ImagePixelExtractingEstimator.ColorBits.Red,
                interleavePixelColors: false,
                offsetImage: 0f,
                scaleImage: FaceInputContract.PixelScale,
                outputAsFloatArray: true));
        Transformer = estimator.Fit(mlContext.Data.LoadFromEnumerable(Array.Empty<FaceImageRow>()));
    }

    /// <summary>The fitted transformer: <see cref="FaceImageRow"/> in, a "input" column of 2304 floats out.</summary>
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
}
