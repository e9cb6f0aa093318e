using FerNet.Inference.Models;
using Microsoft.ML.Data;

namespace FerNet.Inference;

/// <summary>
/// Classifies the facial expression of a face crop as one of the seven FER2013 emotions.
/// <code>
/// EmotionPrediction prediction = EmotionClassifier.Predict("face.jpg");   // the embedded default model
///
/// using EmotionModel model = EmotionClassifier.Load("my-model.onnx");      // a model you trained
/// EmotionPrediction mine = model.Predict("face.jpg");
///
/// using EmotionModel fast = EmotionClassifier.LoadDefault(DefaultModelPrecision.Int8);   // the default in int8
/// </code>
/// </summary>
/// <remarks>
/// <para>
/// Every Predict expects a face crop, as the FER2013 images the model learned from are: one face
/// filling the frame, roughly upright and centred. It does not find faces in a larger photo.
/// </para>
/// <para>
/// The static Predict methods use <see cref="Default"/>, one default model created on first use and
/// kept for the life of the process; they may be called from many threads at once. Bad input
/// throws the exceptions documented on <see cref="EmotionModel"/>'s methods of the same name, and
/// the next call works.
/// </para>
/// </remarks>
public static class EmotionClassifier
{
    private static readonly Lazy<EmotionModel> SharedDefault = new(
        () => EmbeddedModel.Load(EmbeddedModel.DefaultResourceName, EmotionModelOptions.Default, shared: true),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The embedded default model with default options, shared by the whole process: loaded on first
    /// use (once, however many threads ask at the same time) and kept until the process ends. The
    /// static Predict methods use it. Pass it wherever an <see cref="EmotionModel"/> is wanted and the
    /// default model will do; it is safe to use from many threads at once.
    /// </summary>
    /// <remarks>
    /// It is not yours to dispose: its <see cref="EmotionModel.Dispose"/> does nothing, so code that
    /// disposes every model it is given cannot break the other users of this one. For a model of
    /// your own, with other options or to release its memory, use <see cref="LoadDefault()"/>.
    /// </remarks>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static EmotionModel Default => SharedDefault.Value;

    /// <summary>Loads a FerNet ONNX model from a file: a model you trained and exported yourself.</summary>
    /// <param name="modelPath">The path of the .onnx file.</param>
    /// <returns>The loaded model; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="modelPath"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelPath"/> is empty or blank.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="InvalidModelException">
    /// The file is no ONNX model, or its input, output or label metadata do not fit FerNet, or its
    /// outputs for probe faces are no probabilities; or it reports a length of 0 (empty, or a device,
    /// FIFO or socket, which is not read), or has more than 512 MiB.
    /// </exception>
    public static EmotionModel Load(string modelPath) => Load(modelPath, EmotionModelOptions.Default);

    /// <summary>Loads a FerNet ONNX model from a file, to score faces as <paramref name="options"/> say.</summary>
    /// <param name="modelPath">The path of the .onnx file.</param>
    /// <param name="options">How the model scores faces, such as with test-time augmentation.</param>
    /// <returns>The loaded model; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="modelPath"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelPath"/> is empty or blank.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="InvalidModelException">
    /// The file is no ONNX model, or its input, output or label metadata do not fit FerNet, or its
    /// outputs for probe faces are no probabilities; or it reports a length of 0 (empty, or a device,
    /// FIFO or socket, which is not read), or has more than 512 MiB.
    /// </exception>
    public static EmotionModel Load(string modelPath, EmotionModelOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentNullException.ThrowIfNull(options);
        string modelName = $"Model '{modelPath}'";
        return EmotionModel.Create(ModelReader.ReadFile(modelPath, modelName), modelName, options);
    }

    /// <summary>Loads a FerNet ONNX model read from <paramref name="model"/>'s position to its end.</summary>
    /// <param name="model">A readable stream holding the .onnx file; it is read but not disposed.</param>
    /// <returns>The loaded model; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="InvalidModelException">
    /// The stream holds no ONNX model, or its input, output or label metadata do not fit FerNet, or
    /// its outputs for probe faces are no probabilities; or it goes on past 512 MiB (no more is read).
    /// </exception>
    public static EmotionModel FromStream(Stream model) => FromStream(model, EmotionModelOptions.Default);

    /// <summary>Loads a FerNet ONNX model read from <paramref name="model"/>'s position to its end, to score faces as <paramref name="options"/> say.</summary>
    /// <param name="model">A readable stream holding the .onnx file; it is read but not disposed.</param>
    /// <param name="options">How the model scores faces, such as with test-time augmentation.</param>
    /// <returns>The loaded model; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidModelException">
    /// The stream holds no ONNX model, or its input, output or label metadata do not fit FerNet, or
    /// its outputs for probe faces are no probabilities; or it goes on past 512 MiB (no more is read).
    /// </exception>
    public static EmotionModel FromStream(Stream model, EmotionModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        return EmotionModel.Create(ModelReader.ReadStream(model, "The model stream"), "The model stream", options);
    }

    /// <summary>Loads a FerNet ONNX model from the bytes of a .onnx file.</summary>
    /// <param name="model">The model's bytes.</param>
    /// <returns>The loaded model; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="InvalidModelException">The bytes are no ONNX model, or its input, output or label metadata do not fit FerNet, or its outputs for probe faces are no probabilities.</exception>
    public static EmotionModel FromBytes(byte[] model) => FromBytes(model, EmotionModelOptions.Default);

    /// <summary>Loads a FerNet ONNX model from the bytes of a .onnx file, to score faces as <paramref name="options"/> say.</summary>
    /// <param name="model">The model's bytes.</param>
    /// <param name="options">How the model scores faces, such as with test-time augmentation.</param>
    /// <returns>The loaded model; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidModelException">The bytes are no ONNX model, or its input, output or label metadata do not fit FerNet, or its outputs for probe faces are no probabilities.</exception>
    public static EmotionModel FromBytes(byte[] model, EmotionModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        return EmotionModel.Create(model, "The model byte array", options);
    }

    /// <summary>Loads a new instance of the embedded default model, owned by the caller (unlike the shared <see cref="Default"/>).</summary>
    /// <returns>The loaded model; dispose it when done.</returns>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static EmotionModel LoadDefault() => LoadDefault(EmotionModelOptions.Default);

    /// <summary>
    /// Loads a new instance of the embedded default model, owned by the caller, to score faces as
    /// <paramref name="options"/> say (the static Predict methods and <see cref="Default"/> keep the default options).
    /// </summary>
    /// <param name="options">How the model scores faces, such as with test-time augmentation.</param>
    /// <returns>The loaded model; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static EmotionModel LoadDefault(EmotionModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return EmbeddedModel.Load(EmbeddedModel.DefaultResourceName, options);
    }

    /// <summary>
    /// Loads a new instance of the embedded default model of <paramref name="precision"/>, owned by the caller:
    /// <see cref="DefaultModelPrecision.Int8"/> is the default quantized to int8, faster on the CPU for
    /// nearly the same accuracy (its metadata records both models' scores).
    /// <code>
    /// using EmotionModel fast = EmotionClassifier.LoadDefault(DefaultModelPrecision.Int8);
    /// </code>
    /// </summary>
    /// <param name="precision">Which embedded model: <see cref="DefaultModelPrecision.Float32"/> (what <see cref="Default"/> runs) or <see cref="DefaultModelPrecision.Int8"/>.</param>
    /// <returns>The loaded model; dispose it when done.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> is not a defined <see cref="DefaultModelPrecision"/>.</exception>
    /// <exception cref="InvalidOperationException">No model of that precision is embedded in this build of FerNet.Inference.</exception>
    public static EmotionModel LoadDefault(DefaultModelPrecision precision) => LoadDefault(precision, EmotionModelOptions.Default);

    /// <summary>
    /// Loads a new instance of the embedded default model of <paramref name="precision"/>, owned by the caller,
    /// to score faces as <paramref name="options"/> say.
    /// </summary>
    /// <param name="precision">Which embedded model: <see cref="DefaultModelPrecision.Float32"/> (what <see cref="Default"/> runs) or <see cref="DefaultModelPrecision.Int8"/>.</param>
    /// <param name="options">How the model scores faces, such as with test-time augmentation.</param>
    /// <returns>The loaded model; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> is not a defined <see cref="DefaultModelPrecision"/>.</exception>
    /// <exception cref="InvalidOperationException">No model of that precision is embedded in this build of FerNet.Inference.</exception>
    public static EmotionModel LoadDefault(DefaultModelPrecision precision, EmotionModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return EmbeddedModel.Load(EmbeddedModel.ResourceName(precision), options);
    }

    /// <summary>Classifies the face in an image file with the default model; see <see cref="EmotionModel.Predict(string)"/>.</summary>
    /// <param name="imagePath">The path of a face crop (JPEG, PNG, BMP, GIF or WebP).</param>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static EmotionPrediction Predict(string imagePath) => Default.Predict(imagePath);

    /// <summary>Classifies the face in an encoded image read from a stream with the default model; see <see cref="EmotionModel.Predict(Stream)"/>.</summary>
    /// <param name="image">A readable stream holding a face crop; it is read but not disposed.</param>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static EmotionPrediction Predict(Stream image) => Default.Predict(image);

    /// <summary>Classifies the face in an encoded image with the default model; see <see cref="EmotionModel.Predict(byte[])"/>.</summary>
    /// <param name="image">The bytes of a face crop in JPEG, PNG, BMP, GIF or WebP.</param>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static EmotionPrediction Predict(byte[] image) => Default.Predict(image);

    /// <summary>Classifies the face in an in-memory image with the default model; see <see cref="EmotionModel.Predict(MLImage)"/>.</summary>
    /// <param name="image">The face crop; it is not disposed.</param>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static EmotionPrediction Predict(MLImage image) => Default.Predict(image);

    /// <summary>Classifies a 48 x 48 gray face (2304 values 0..255, row by row) with the default model; see <see cref="EmotionModel.PredictPixels(ReadOnlySpan{byte})"/>.</summary>
    /// <param name="pixels">The 2304 gray values.</param>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static EmotionPrediction PredictPixels(ReadOnlySpan<byte> pixels) => Default.PredictPixels(pixels);

    /// <summary>Classifies a 48 x 48 gray face (2304 values in [0, 1], row by row) with the default model; see <see cref="EmotionModel.PredictPixels(ReadOnlySpan{float})"/>.</summary>
    /// <param name="pixels">The 2304 scaled gray values.</param>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static EmotionPrediction PredictPixels(ReadOnlySpan<float> pixels) => Default.PredictPixels(pixels);

    /// <summary>Classifies many image files at once with the default model; see <see cref="EmotionModel.PredictBatch(IEnumerable{string})"/>.</summary>
    /// <param name="imagePaths">Paths of face crops.</param>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<string> imagePaths) => Default.PredictBatch(imagePaths);

    /// <summary>Classifies many encoded images at once with the default model; see <see cref="EmotionModel.PredictBatch(IEnumerable{byte[]})"/>.</summary>
    /// <param name="images">The bytes of face crops.</param>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<byte[]> images) => Default.PredictBatch(images);

    /// <summary>Classifies many in-memory images at once with the default model; see <see cref="EmotionModel.PredictBatch(IEnumerable{MLImage})"/>.</summary>
    /// <param name="images">Face crops; they are not disposed.</param>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static IReadOnlyList<EmotionPrediction> PredictBatch(IEnumerable<MLImage> images) => Default.PredictBatch(images);

    /// <summary>The embedded default model's metadata: architecture, training data, validation and test accuracy, version.</summary>
    /// <exception cref="InvalidOperationException">This build has no embedded model.</exception>
    public static IReadOnlyDictionary<string, string> DefaultModelMetadata => Default.Metadata;
}
