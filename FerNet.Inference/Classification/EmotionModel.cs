using FerNet.Core;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Transforms.Onnx;

namespace FerNet.Inference;

/// <summary>
/// An emotion model loaded and ready: the ML.NET pipeline (resize to 48 x 48, 8-bit gray / 255,
/// ONNX model) built once, with ONNX Runtime behind it. Get one from
/// <see cref="EmotionClassifier.Load(string)"/>, <see cref="EmotionClassifier.FromStream(Stream)"/>,
/// <see cref="EmotionClassifier.FromBytes(byte[])"/> (each also with <see cref="EmotionModelOptions"/>)
/// or <see cref="EmotionClassifier.LoadDefault"/>, and dispose it when done: it holds native memory.
/// </summary>
/// <remarks>
/// <para>
/// Every method expects a face crop, as the FER2013 images the model learned from are: one face
/// filling the frame, roughly upright and centred. It does not find faces in a larger photo; a
/// photo of a room gets an answer, but not a meaningful one.
/// </para>
/// <para>
/// All methods may be called from many threads at once and give the same answers as sequential
/// calls. Bad input throws the exception documented on each method and leaves the model usable.
/// </para>
/// </remarks>
public sealed class EmotionModel : IDisposable
{
    // Large enough for ONNX Runtime to reach its batch throughput, small enough to keep memory flat.
    private const int PreferredBatchSize = 64;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly int[] _outputIndexOf;
    private readonly int _batchSize;
    private readonly FacePreprocessing _preprocessing;
    private readonly OnnxTransformer _onnxTransformer;
    private readonly PredictionEnginePool<FaceImageRow, ProbabilitiesRow> _imageEngines;
    private readonly PredictionEnginePool<FaceTensorRow, ProbabilitiesRow> _tensorEngines;
    private readonly PredictionEnginePool<FaceImageRow, ProbabilitiesRow>? _mirroredImageEngines;
    private volatile bool _disposed;

    private EmotionModel(InferenceSession session, int[] outputIndexOf, byte[] modelBytes, EmotionModelOptions options)
    {
        Options = options;
        _session = session;
        _outputIndexOf = outputIndexOf;
        _batchSize = session.InputMetadata[FaceInputContract.InputName].Dimensions[0] == 1 ? 1 : PreferredBatchSize;
        Metadata = new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap).AsReadOnly();

        var mlContext = new MLContext();
        _preprocessing = new FacePreprocessing(mlContext);
        _onnxTransformer = CreateOnnxTransformer(mlContext, modelBytes);
        _tensorEngines = new PredictionEnginePool<FaceTensorRow, ProbabilitiesRow>(mlContext, _onnxTransformer);
        _imageEngines = new PredictionEnginePool<FaceImageRow, ProbabilitiesRow>(mlContext, _preprocessing.Transformer.Append(_onnxTransformer));
        if (options.TestTimeAugmentation == TestTimeAugmentation.HorizontalFlip)
        {
            _mirroredImageEngines = new PredictionEnginePool<FaceImageRow, ProbabilitiesRow>(
                mlContext,
                new FacePreprocessing(mlContext, mirrored: true).Transformer.Append(_onnxTransformer));
        }
    }

    /// <summary>The options this model was loaded with.</summary>
    public EmotionModelOptions Options { get; }

    /// <summary>
    /// The model's metadata: for a model FerNet exported, the keys in <see cref="Core.Models.ModelMetadataKeys"/>
    /// (labels, architecture, training data, validation and test accuracy, version, creation time).
    /// </summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Classifies the face in the image file at <paramref name="imagePath"/> (JPEG, PNG, BMP, GIF or WebP).</summary>
    /// <param name="imagePath">The path of a face crop.</param>
    /// <exception cref="ArgumentNullException"><paramref name="imagePath"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="imagePath"/> is empty or blank.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="imagePath"/>.</exception>
    /// <exception cref="InvalidImageException">The file is empty, no image, truncated or corrupt, or has zero width or height.</exception>
    /// <exception cref="UnsupportedImageFormatException">The file is an image in another format, such as TIFF or HEIF.</exception>
    /// <exception cref="ImageTooLargeException">The file exceeds <see cref="ImageLimits"/>.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public EmotionPrediction Predict(string imagePath)
    {
        ThrowIfDisposed();
        using MLImage image = ImageDecoder.DecodeFile(imagePath);
        return PredictImage(image);
    }

    /// <summary>Classifies the face in an encoded image (JPEG, PNG, BMP, GIF or WebP) read from <paramref name="image"/>'s position to its end.</summary>
    /// <param name="image">A readable stream holding a face crop; it is read but not disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="image"/> cannot be read.</exception>
    /// <exception cref="InvalidImageException">The stream is empty, no image, truncated or corrupt, or has zero width or height.</exception>
    /// <exception cref="UnsupportedImageFormatException">The stream holds an image in another format, such as TIFF or HEIF.</exception>
    /// <exception cref="ImageTooLargeException">The image exceeds <see cref="ImageLimits"/>.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public EmotionPrediction Predict(Stream image)
    {
        ThrowIfDisposed();
        using MLImage decoded = ImageDecoder.DecodeStream(image);
        return PredictImage(decoded);
    }

    /// <summary>Classifies the face in an encoded image (the bytes of a JPEG, PNG, BMP, GIF or WebP file).</summary>
    /// <param name="image">The encoded face crop.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="InvalidImageException">The bytes are empty, no image, truncated or corrupt, or have zero width or height.</exception>
    /// <exception cref="UnsupportedImageFormatException">The bytes are an image in another format, such as TIFF or HEIF.</exception>
    /// <exception cref="ImageTooLargeException">The image exceeds <see cref="ImageLimits"/>.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public EmotionPrediction Predict(byte[] image)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(image);
        using MLImage decoded = ImageDecoder.Decode(image, "The image byte array");
        return PredictImage(decoded);
    }

    /// <summary>Classifies the face in an image already in memory. Colour images are converted to gray; any size is resized to 48 x 48.</summary>
    /// <param name="image">The face crop; it is not disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="image"/> has been disposed.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public EmotionPrediction Predict(MLImage image)
    {
        ThrowIfDisposed();
        using MLImage copy = ImageDecoder.Copy(image, "The image");
        return PredictImage(copy);
    }

    /// <summary>
    /// Classifies a face that is already a 48 x 48 grayscale crop: 2304 pixels, row by row from the
    /// top left, 0 = black and 255 = white, exactly as FER2013 stores its images.
    /// </summary>
    /// <param name="pixels">The 2304 gray values.</param>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> does not hold 2304 values.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public EmotionPrediction PredictPixels(ReadOnlySpan<byte> pixels)
    {
        ThrowIfDisposed();
        CheckPixelCount(pixels.Length, nameof(pixels));
        var input = new float[FaceInputContract.PixelCount];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = pixels[i] * FaceInputContract.PixelScale;
        }

        return PredictTensor(input);
    }

    /// <summary>
    /// Classifies a face that is already a 48 x 48 grayscale crop scaled to [0, 1]: 2304 values,
    /// row by row from the top left, each 8-bit gray value / 255 (the model's own input).
    /// </summary>
    /// <param name="pixels">The 2304 scaled gray values.</param>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> does not hold 2304 values, or one is outside [0, 1] or not a number.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public EmotionPrediction PredictPixels(ReadOnlySpan<float> pixels)
    {
        ThrowIfDisposed();
        CheckPixelCount(pixels.Length, nameof(pixels));
        for (int i = 0; i < pixels.Length; i++)
        {
            if (!(pixels[i] >= 0f && pixels[i] <= 1f))
            {
                throw new ArgumentException(
                    $"Pixel {i} (row {i / FaceInputContract.Width}, column {i % FaceInputContract.Width}) is {pixels[i]}; scaled pixels lie in [0, 1] (8-bit value / 255). Pass 0..255 values as bytes.",
                    nameof(pixels));
            }
        }

        return PredictTensor(pixels.ToArray());
    }

    /// <summary>
    /// Classifies many image files at once, much faster per image than one <see cref="Predict(string)"/>
    /// per file: images are preprocessed through one ML.NET IDataView pass and scored by ONNX Runtime
    /// 64 at a time.
    /// </summary>
    /// <param name="imagePaths">Paths of face crops.</param>
    /// <returns>One prediction per path, in the same order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="imagePaths"/> is null.</exception>
    /// <exception cref="ArgumentException">An element is null, empty or blank.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidImageException">An image is unusable, as for <see cref="Predict(string)"/>; the message gives its position.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<string> imagePaths) =>
        PredictBatch(imagePaths, static (path, position) => ImageDecoder.DecodeFile(path, position));

    /// <summary>Classifies many encoded images at once; see <see cref="PredictBatch(IEnumerable{string})"/>.</summary>
    /// <param name="images">The bytes of face crops in JPEG, PNG, BMP, GIF or WebP.</param>
    /// <returns>One prediction per image, in the same order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is null.</exception>
    /// <exception cref="ArgumentException">An element is null.</exception>
    /// <exception cref="InvalidImageException">An image is unusable, as for <see cref="Predict(byte[])"/>; the message gives its position.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<byte[]> images) =>
        PredictBatch(images, ImageDecoder.Decode);

    /// <summary>Classifies many in-memory images at once; see <see cref="PredictBatch(IEnumerable{string})"/>.</summary>
    /// <param name="images">Face crops; they are not disposed.</param>
    /// <returns>One prediction per image, in the same order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is null.</exception>
    /// <exception cref="ArgumentException">An element is null or has been disposed.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<MLImage> images) =>
        PredictBatch(images, ImageDecoder.Copy);

    /// <summary>Releases the ONNX Runtime sessions and the ML.NET pipeline. Calls made afterwards throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _imageEngines.Dispose();
        _mirroredImageEngines?.Dispose();
        _tensorEngines.Dispose();
        _onnxTransformer.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>Loads and checks a model.</summary>
    /// <param name="modelBytes">The ONNX file's bytes.</param>
    /// <param name="modelName">How error messages name the model, such as "Model 'a.onnx'".</param>
    /// <exception cref="InvalidModelException">The bytes are no ONNX model, or the model does not fit FerNet.</exception>
    /// <param name="options">How the model scores faces.</param>
    internal static EmotionModel Create(byte[] modelBytes, string modelName, EmotionModelOptions options)
    {
        if (modelBytes.Length == 0)
        {
            throw new InvalidModelException($"{modelName} is empty: it has no bytes.");
        }

        InferenceSession session;
        try
        {
            session = new InferenceSession(modelBytes);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidModelException($"{modelName} is not an ONNX model that ONNX Runtime can load: {e.Message}", e);
        }

        try
        {
            return new EmotionModel(session, ModelContract.Check(session, modelName), modelBytes, options);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    // Given a model as bytes, ML.NET writes a temporary copy that stays in the temp folder, one
    // file per load even after Dispose; given a path it makes none. So FerNet writes the copy
    // itself and deletes it as soon as ML.NET has read it (where the file system lets an open file go).
    private static OnnxTransformer CreateOnnxTransformer(MLContext mlContext, byte[] modelBytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"fernet-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, modelBytes);
        try
        {
            return mlContext.Transforms
                .ApplyOnnxModel([FaceInputContract.OutputName], [FaceInputContract.InputName], path)
                .Fit(mlContext.Data.LoadFromEnumerable(Array.Empty<FaceTensorRow>()));
        }
        finally
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Windows refuses while ML.NET holds the file open; it stays in the temp folder.
            }
        }
    }

    /// <summary>Preprocesses <paramref name="images"/> exactly as every prediction does, into an [N, 1, 48, 48] tensor.</summary>
    internal float[] Preprocess(IReadOnlyList<MLImage> images)
    {
        var tensor = new float[images.Count * FaceInputContract.PixelCount];
        _preprocessing.WriteTensor(images, tensor);
        return tensor;
    }

    private static void CheckPixelCount(int count, string parameterName)
    {
        if (count != FaceInputContract.PixelCount)
        {
            throw new ArgumentException(
                $"A 48x48 face has {FaceInputContract.PixelCount} pixels, got {count}. Pass an encoded image to Predict instead if it is not yet cropped and scaled.",
                parameterName);
        }
    }

    private IReadOnlyList<EmotionPrediction> PredictBatch<T>(IEnumerable<T> items, Func<T, string, MLImage> decode)
        where T : class
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(items);
        var predictions = new List<EmotionPrediction>();
        var chunk = new List<MLImage>(_batchSize);
        try
        {
            int index = 0;
            foreach (T? item in items)
            {
                string position = $"Image {index++} of the batch";
                if (item is null)
                {
                    throw new ArgumentException($"{position} is null.", nameof(items));
                }

                chunk.Add(decode(item, position));
                if (chunk.Count == _batchSize)
                {
                    ScoreChunk(chunk, predictions);
                    Release(chunk);
                }
            }

            if (chunk.Count > 0)
            {
                ScoreChunk(chunk, predictions);
            }
        }
        finally
        {
            Release(chunk);
        }

        return predictions.AsReadOnly();
    }

    private static void Release(List<MLImage> chunk)
    {
        chunk.ForEach(image => image.Dispose());
        chunk.Clear();
    }

    private void ScoreChunk(List<MLImage> chunk, List<EmotionPrediction> predictions)
    {
        int views = _mirroredImageEngines is null ? 1 : 2;
        int faceValues = chunk.Count * FaceInputContract.PixelCount;
        var tensor = new float[views * faceValues];
        _preprocessing.WriteTensor(chunk, tensor.AsSpan(0, faceValues));
        if (views == 2)
        {
            // The mirrored faces follow the originals in the same run: face i's mirror is face i + N.
            tensor.AsSpan(0, faceValues).CopyTo(tensor.AsSpan(faceValues));
            FaceMirror.MirrorInPlace(tensor.AsSpan(faceValues));
        }

        using OrtValue input = OrtValue.CreateTensorValueFromMemory(
            tensor,
            [views * chunk.Count, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width]);
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(
            _runOptions,
            [FaceInputContract.InputName],
            [input],
            [FaceInputContract.OutputName]);
        ReadOnlySpan<float> probabilities = outputs[0].GetTensorDataAsSpan<float>();
        var face = new float[EmotionLabels.Count];
        for (int i = 0; i < chunk.Count; i++)
        {
            probabilities.Slice(i * EmotionLabels.Count, EmotionLabels.Count).CopyTo(face);
            if (views == 2)
            {
                AverageInto(face, probabilities.Slice((chunk.Count + i) * EmotionLabels.Count, EmotionLabels.Count));
            }

            predictions.Add(ToPrediction(face));
        }
    }

    private EmotionPrediction PredictImage(MLImage image)
    {
        if (_mirroredImageEngines is not null)
        {
            // Each pipeline gets its own image: ML.NET's resize passes a 48 x 48 image through as its
            // output, which the engine disposes on its next call, perhaps from another thread.
            using MLImage mirrorView = ImageDecoder.Copy(image, "The image");
            float[] mirrored = _mirroredImageEngines.Predict(new FaceImageRow { Image = mirrorView }).Probabilities;
            float[] plain = _imageEngines.Predict(new FaceImageRow { Image = image }).Probabilities;
            AverageInto(plain, mirrored);
            return ToPrediction(plain);
        }

        return ToPrediction(_imageEngines.Predict(new FaceImageRow { Image = image }).Probabilities);
    }

    /// <summary>Scores one preprocessed face, which the call may change.</summary>
    private EmotionPrediction PredictTensor(float[] face)
    {
        float[] probabilities = _tensorEngines.Predict(new FaceTensorRow { Input = face }).Probabilities;
        if (_mirroredImageEngines is not null)
        {
            FaceMirror.MirrorInPlace(face);
            AverageInto(probabilities, _tensorEngines.Predict(new FaceTensorRow { Input = face }).Probabilities);
        }

        return ToPrediction(probabilities);
    }

    private static void AverageInto(float[] target, ReadOnlySpan<float> other)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = (target[i] + other[i]) / 2;
        }
    }

    private EmotionPrediction ToPrediction(ReadOnlySpan<float> modelOutput)
    {
        var probabilities = new float[EmotionLabels.Count];
        for (int emotion = 0; emotion < probabilities.Length; emotion++)
        {
            probabilities[emotion] = modelOutput[_outputIndexOf[emotion]];
        }

        return new EmotionPrediction(probabilities);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
