using FerNet.Core;
using FerNet.Inference.Images;
using FerNet.Inference.Models;
using FerNet.Inference.Pipeline;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace FerNet.Inference;

/// <summary>
/// An emotion model loaded and ready: one ONNX Runtime session on the model, and the ML.NET
/// preprocessing (resize to 48 x 48, 8-bit gray / 255) built once. Every method, for one face or
/// many, preprocesses through that pipeline and scores through that session. Get one from
/// <see cref="EmotionClassifier.Load"/>, <see cref="EmotionClassifier.FromStream"/> or
/// <see cref="EmotionClassifier.LoadDefault"/> and dispose it when done: it holds native memory.
/// The shared <see cref="EmotionClassifier.Default"/> is not one of these: FerNet owns it, and hands
/// it out as an <see cref="IEmotionModel"/>, which cannot be disposed.
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
/// <see cref="Dispose"/> may be called while other threads predict: calls already running finish
/// with their answer, later ones throw <see cref="ObjectDisposedException"/>.
/// </para>
/// <para>
/// Encoded images are turned upright as their EXIF orientation says, as phone cameras store
/// photos. A corrupt image is refused when its header is malformed (a PNG's IHDR also by its
/// CRC) or its data ends before the last pixel. Damaged compressed data that the decoder still
/// decodes is not detected: random bytes inside a JPEG's scan decode, as in every browser, to
/// damaged pixels, which are scored.
/// </para>
/// </remarks>
public sealed class EmotionModel : IEmotionModel, IDisposable
{
    // Large enough for ONNX Runtime to reach its batch throughput, small enough to keep memory flat.
    private const int ImagesPerChunk = 64;

    private readonly ModelSession _session;
    private readonly FacePreprocessing _preprocessing;
    private readonly int _views;
    private readonly DisposalGate _gate = new(typeof(EmotionModel).FullName!);

    private EmotionModel(ModelSession session, EmotionModelOptions options)
    {
        Options = options;
        Metadata = session.Metadata;
        _session = session;
        _preprocessing = new FacePreprocessing(new MLContext());
        _views = options.TestTimeAugmentation == TestTimeAugmentation.HorizontalFlip ? 2 : 1;
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
    /// <exception cref="InvalidImageException">
    /// The file is empty or no regular file (a device, FIFO or socket, which is not opened), no
    /// image, truncated, or corrupt as the remarks of <see cref="EmotionModel"/> say, or has zero width or height.
    /// </exception>
    /// <exception cref="UnsupportedImageFormatException">The file is an image in another format, such as TIFF or HEIF.</exception>
    /// <exception cref="ImageTooLargeException">The file exceeds <see cref="ImageLimits"/>.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public EmotionPrediction Predict(string imagePath) => WhileNotDisposed(() =>
    {
        using MLImage image = ImageDecoder.DecodeFile(imagePath);
        return PredictImage(image);
    });

    /// <summary>Classifies the face in an encoded image (JPEG, PNG, BMP, GIF or WebP) read from <paramref name="image"/>'s position to its end.</summary>
    /// <param name="image">A readable stream holding a face crop; it is read but not disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="image"/> cannot be read.</exception>
    /// <exception cref="InvalidImageException">The stream is empty, no image, truncated or corrupt, or has zero width or height.</exception>
    /// <exception cref="UnsupportedImageFormatException">The stream holds an image in another format, such as TIFF or HEIF.</exception>
    /// <exception cref="ImageTooLargeException">The image exceeds <see cref="ImageLimits"/>.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public EmotionPrediction Predict(Stream image) => WhileNotDisposed(() =>
    {
        using MLImage decoded = ImageDecoder.DecodeStream(image);
        return PredictImage(decoded);
    });

    /// <summary>Classifies the face in an encoded image (the bytes of a JPEG, PNG, BMP, GIF or WebP file).</summary>
    /// <param name="image">The encoded face crop.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="InvalidImageException">The bytes are empty, no image, truncated or corrupt, or have zero width or height.</exception>
    /// <exception cref="UnsupportedImageFormatException">The bytes are an image in another format, such as TIFF or HEIF.</exception>
    /// <exception cref="ImageTooLargeException">The image exceeds <see cref="ImageLimits"/>.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public EmotionPrediction Predict(byte[] image) => WhileNotDisposed(() =>
    {
        ArgumentNullException.ThrowIfNull(image);
        using MLImage decoded = ImageDecoder.Decode(image, "The image byte array");
        return PredictImage(decoded);
    });

    /// <summary>
    /// Classifies the face in an image already in memory. Colour images are converted to gray; an
    /// image of another size is scaled to cover 48 x 48 and its centre square kept.
    /// </summary>
    /// <param name="image">The face crop; it is not disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="image"/> has been disposed.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public EmotionPrediction Predict(MLImage image) => WhileNotDisposed(() =>
    {
        using MLImage copy = ImageDecoder.Copy(image, "The image");
        return PredictImage(copy);
    });

    /// <summary>
    /// Classifies a face that is already a 48 x 48 grayscale crop: 2304 pixels, row by row from the
    /// top left, 0 = black and 255 = white, exactly as FER2013 stores its images.
    /// </summary>
    /// <param name="pixels">The 2304 gray values.</param>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> does not hold 2304 values.</exception>
    /// <exception cref="ObjectDisposedException">The model has been disposed.</exception>
    public EmotionPrediction PredictPixels(ReadOnlySpan<byte> pixels)
    {
        CheckPixelCount(pixels.Length, nameof(pixels));
        float[] tensor = NewTensor(faces: 1);
        for (int i = 0; i < FaceInputContract.PixelCount; i++)
        {
            tensor[i] = FacePreprocessing.Scale(pixels[i]);
        }

        return WhileNotDisposed(() => Score(tensor, faces: 1)[0]);
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

        float[] tensor = NewTensor(faces: 1);
        pixels.CopyTo(tensor);
        return WhileNotDisposed(() => Score(tensor, faces: 1)[0]);
    }

    /// <summary>
    /// Classifies many image files at once, faster per image than one <see cref="Predict(string)"/>
    /// per file: ONNX Runtime scores the faces 64 at a time, while the next 64 are decoded and
    /// preprocessed. Each image is freed as soon as its 48 x 48 face is taken from it, so a batch
    /// holds one decoded image at a time, however many images it has and however large they are.
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

    /// <summary>
    /// Releases the ONNX Runtime session and the ML.NET pipeline. Calls made afterwards throw
    /// <see cref="ObjectDisposedException"/>; calls that other threads have already begun finish
    /// first, with their answers, and this method waits for them before it frees anything.
    /// </summary>
    public void Dispose()
    {
        if (_gate.Close())
        {
            _preprocessing.Dispose();
            _session.Dispose();
        }
    }

    internal static EmotionModel Create(byte[] modelBytes, string modelName, EmotionModelOptions options)
    {
        ModelSession session = ModelSession.Open(modelBytes, modelName);
        try
        {
            return new EmotionModel(session, options);
        }
        catch
        {
            session.Dispose();
            throw;
        }
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

    private static void AverageInto(Span<float> target, ReadOnlySpan<float> other)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = (target[i] + other[i]) / 2;
        }
    }

    private IReadOnlyList<EmotionPrediction> PredictBatch<T>(IEnumerable<T> items, Func<T, string, MLImage> decode)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        return WhileNotDisposed(() => PredictChunks(items, decode));
    }

    /// <summary>
    /// Decodes and preprocesses the items one at a time, each decoded image freed as soon as its 48 x 48
    /// floats are written, so a batch holds one decoded image whatever its length or the images'
    /// sizes. Every 64 faces go to ONNX Runtime on a worker thread while this thread prepares the next
    /// 64, so decoding overlaps scoring.
    /// </summary>
    private IReadOnlyList<EmotionPrediction> PredictChunks<T>(IEnumerable<T> items, Func<T, string, MLImage> decode)
        where T : class
    {
        var predictions = new List<EmotionPrediction>();
        Task<EmotionPrediction[]>? scoring = null;
        try
        {
            float[] tensor = NewTensor(ImagesPerChunk);
            int count = 0;
            int index = 0;
            foreach (T? item in items)
            {
                string position = $"Image {index++} of the batch";
                if (item is null)
                {
                    throw new ArgumentException($"{position} is null.", nameof(items));
                }

                using (MLImage image = decode(item, position))
                {
                    _preprocessing.WriteFace(image, tensor.AsSpan(count * FaceInputContract.PixelCount, FaceInputContract.PixelCount));
                }

                if (++count == ImagesPerChunk)
                {
                    if (scoring is not null)
                    {
                        predictions.AddRange(scoring.GetAwaiter().GetResult());
                    }

                    float[] full = tensor;
                    scoring = Task.Run(() => Score(full, ImagesPerChunk));
                    tensor = NewTensor(ImagesPerChunk);
                    count = 0;
                }
            }

            if (scoring is not null)
            {
                predictions.AddRange(scoring.GetAwaiter().GetResult());
                scoring = null;
            }

            if (count > 0)
            {
                // Score reads the tensor's length as the batch size: the last chunk gets one of its own.
                float[] last = NewTensor(count);
                tensor.AsSpan(0, count * FaceInputContract.PixelCount).CopyTo(last);
                predictions.AddRange(Score(last, count));
            }
        }
        finally
        {
            // A bad image stops the batch; the chunk being scored must finish before the call counts
            // as done, or Dispose could free the session under it. Its own error, if any, is not the news.
            if (scoring is not null)
            {
                ((IAsyncResult)scoring).AsyncWaitHandle.WaitOne();
            }
        }

        return predictions.AsReadOnly();
    }

    /// <summary>Preprocesses and scores one image, which must belong to this call alone (see <see cref="FacePreprocessing.WriteFace"/>).</summary>
    private EmotionPrediction PredictImage(MLImage image)
    {
        float[] tensor = NewTensor(faces: 1);
        _preprocessing.WriteFace(image, tensor.AsSpan(0, FaceInputContract.PixelCount));
        return Score(tensor, faces: 1)[0];
    }

    /// <summary>A tensor with room for every view of <paramref name="faces"/> faces.</summary>
    private float[] NewTensor(int faces) => new float[_views * faces * FaceInputContract.PixelCount];

    /// <summary>
    /// Scores the <paramref name="faces"/> preprocessed faces at the start of <paramref name="tensor"/>
    /// (made by <see cref="NewTensor"/>) in one session run. With flip test-time augmentation the
    /// mirror images fill the rest of the tensor, face i's mirror at face i + N, and each face's
    /// probabilities are averaged with its mirror's.
    /// </summary>
    private EmotionPrediction[] Score(float[] tensor, int faces)
    {
        int faceValues = faces * FaceInputContract.PixelCount;
        if (_views == 2)
        {
            tensor.AsSpan(0, faceValues).CopyTo(tensor.AsSpan(faceValues));
            FaceMirror.MirrorInPlace(tensor.AsSpan(faceValues));
        }

        var probabilities = new float[_views * faces * EmotionLabels.Count];
        _session.Score(tensor, probabilities);
        var predictions = new EmotionPrediction[faces];
        for (int face = 0; face < faces; face++)
        {
            float[] average = probabilities[(face * EmotionLabels.Count)..((face + 1) * EmotionLabels.Count)];
            if (_views == 2)
            {
                AverageInto(average, probabilities.AsSpan((faces + face) * EmotionLabels.Count, EmotionLabels.Count));
            }

            predictions[face] = new EmotionPrediction(average);
        }

        return predictions;
    }

    /// <summary>Runs <paramref name="call"/> counted as in flight, so that <see cref="Dispose"/> waits for it; throws <see cref="ObjectDisposedException"/> once Dispose has begun.</summary>
    private TResult WhileNotDisposed<TResult>(Func<TResult> call) => _gate.Run(call);
}
