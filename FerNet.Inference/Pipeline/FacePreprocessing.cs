using FerNet.Core;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace FerNet.Inference.Pipeline;

/// <summary>
/// The one definition of how a decoded face becomes the model's input, as an ML.NET pipeline built
/// once: resize to 48 x 48 (scaled to cover and centre-cropped, so a face crop that is not square
/// keeps its proportions), then 8-bit gray (ITU-R BT.709 luminance, rounded, as ImageSharp's L8
/// computes it) divided by 255. For any image this is the training side's "decode to 8-bit gray,
/// value / 255". Single images go through a pooled prediction engine, batches through one IDataView
/// pass; both run the same fitted <see cref="Transformer"/>.
/// </summary>
/// <remarks>
/// Gray conversion and pixel extraction are one custom mapping rather than ML.NET's
/// ConvertToGrayscale and ExtractPixels, because both of those go wrong when the process loads
/// SkiaSharp 3 (ScottPlot brings it) instead of the 2.88 that ML.NET 5.0.1 was built against:
/// ConvertToGrayscale's colour matrix then changes gray pixels by up to 42 levels, and
/// ExtractPixels' <see cref="MLImage.Pixels"/> throws <see cref="MissingMethodException"/>.
/// ResizeImages and <see cref="MLImage.GetBGRPixels"/> behave the same under both.
/// </remarks>
internal sealed class FacePreprocessing : IDisposable
{
    /// <summary>The column holding the decoded image.</summary>
    public const string ImageColumn = "image";

    /// <summary>The column holding the image scaled to cover 48 x 48 and centre-cropped.</summary>
    public const string ResizedColumn = "FerNet.ResizedFace";

    private readonly MLContext _mlContext;
    private readonly PredictionEnginePool<FaceImageRow, FaceTensorRow> _engines;

    /// <param name="mlContext">The context the pipeline belongs to.</param>
    public FacePreprocessing(MLContext mlContext)
    {
        _mlContext = mlContext;
        IDataView empty = mlContext.Data.LoadFromEnumerable(Array.Empty<FaceImageRow>());
        ITransformer resize = Resize(mlContext, ImageColumn).Fit(empty);

        // Fitted on its own: inside an estimator chain, the custom mapping's schema check compares
        // image types by reference and refuses the resize step's Image<48, 48>.
        ITransformer grayPixels = ScaledGray(mlContext).Fit(resize.Transform(empty));
        Transformer = resize.Append(grayPixels);
        _engines = new PredictionEnginePool<FaceImageRow, FaceTensorRow>(mlContext, Transformer);
    }

    /// <summary>The fitted transformer: <see cref="FaceImageRow"/> in, an "input" column of 1 x 48 x 48 floats out.</summary>
    public ITransformer Transformer { get; }

    /// <summary>The first step: scale the image in <paramref name="imageColumn"/> to cover 48 x 48 and centre-crop it into <see cref="ResizedColumn"/>.</summary>
    public static IEstimator<ITransformer> Resize(MLContext mlContext, string imageColumn) =>
        mlContext.Transforms.ResizeImages(
            ResizedColumn,
            FaceInputContract.Width,
            FaceInputContract.Height,
            imageColumn,
            ImageResizingEstimator.ResizingKind.IsoCrop,
            ImageResizingEstimator.Anchor.Center);

    /// <summary>The second step: <see cref="ResizedColumn"/> to 8-bit gray / 255 in the model's "input" column.</summary>
    public static IEstimator<ITransformer> ScaledGray(MLContext mlContext) =>
        mlContext.Transforms.CustomMapping<ResizedFaceRow, FaceTensorRow>(ScaledGrayMappingFactory.Map, ScaledGrayMappingFactory.ContractName);

    /// <summary>The model's input value of an 8-bit gray pixel.</summary>
    public static float Scale(byte gray) => gray * FaceInputContract.PixelScale;

    /// <summary>
    /// Preprocesses one image into <paramref name="face"/> (48 x 48 floats). The image must belong
    /// to the caller alone: when it is already 48 x 48, ML.NET's resize passes it through as its
    /// output and disposes it on a later call.
    /// </summary>
    public void WriteFace(MLImage image, Span<float> face) =>
        _engines.Predict(new FaceImageRow { Image = image }).Input.CopyTo(face);

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

    /// <summary>Releases the pooled prediction engines.</summary>
    public void Dispose() => _engines.Dispose();
}
