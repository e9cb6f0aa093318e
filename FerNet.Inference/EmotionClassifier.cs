using FerNet.Inference.Models;
using Microsoft.ML.Data;

namespace FerNet.Inference;

/// <summary>
/// Classifies the facial expression of a face crop as one of the seven FER2013 emotions.
/// <code>
/// EmotionPrediction prediction = EmotionClassifier.Predict("face.jpg");   // the embedded default model
///
/// using EmotionModel model = EmotionClassifier.Load("my-model.onnx");      // a model you trained, yours to dispose
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
/// the next call works. For batches, pixels or in-memory images, call the same methods on
/// <see cref="Default"/> or on a model you loaded.
/// </para>
/// </remarks>
public static class EmotionClassifier
{
    private static readonly Lazy<IEmotionModel> SharedDefault = new(
        () => new SharedEmotionModel(EmbeddedModel.Load(EmbeddedModel.DefaultResourceName, EmotionModelOptions.Default)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The embedded default model with default options, shared by the whole process: loaded on first
    /// use (once, however many threads ask at the same time) and kept until the process ends. The
    /// static Predict methods use it; it is safe to use from many threads at once.
    /// </summary>
    /// <remarks>
    /// FerNet owns it, so it comes as an <see cref="IEmotionModel"/> that does not implement
    /// <see cref="IDisposable"/>: no user of it, and no container it is registered in, can release
    /// it under the others. For a model of your own, with other options, in int8
    /// or to release its memory, use <see cref="LoadDefault"/>.
    /// </remarks>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static IEmotionModel Default => SharedDefault.Value;

    /// <summary>Loads a FerNet ONNX model from a file: a model you trained and exported yourself.</summary>
    /// <param name="modelPath">The path of the .onnx file.</param>
    /// <param name="options">How the model scores faces, such as with test-time augmentation; null for <see cref="EmotionModelOptions.Default"/>.</param>
    /// <returns>The loaded model; yours to dispose.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="modelPath"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelPath"/> is empty or blank.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="InvalidModelException">
    /// The file is no ONNX model, or its input, output or label metadata do not fit FerNet, or its
    /// outputs for probe faces are no probabilities; or it reports a length of 0 (empty, or a device,
    /// FIFO or socket, which is not read), or has more than 512 MiB.
    /// </exception>
    public static EmotionModel Load(string modelPath, EmotionModelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        string modelName = $"Model '{modelPath}'";
        return EmotionModel.Create(ModelReader.ReadFile(modelPath, modelName), modelName, options ?? EmotionModelOptions.Default);
    }

    /// <summary>Loads a FerNet ONNX model read from <paramref name="model"/>'s position to its end.</summary>
    /// <param name="model">A readable stream holding the .onnx file (a <see cref="MemoryStream"/> over its bytes will do); it is read but not disposed.</param>
    /// <param name="options">How the model scores faces, such as with test-time augmentation; null for <see cref="EmotionModelOptions.Default"/>.</param>
    /// <returns>The loaded model; yours to dispose.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="InvalidModelException">
    /// The stream holds no ONNX model, or its input, output or label metadata do not fit FerNet, or
    /// its outputs for probe faces are no probabilities; or it goes on past 512 MiB (no more is read).
    /// </exception>
    public static EmotionModel FromStream(Stream model, EmotionModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return EmotionModel.Create(ModelReader.ReadStream(model, "The model stream"), "The model stream", options ?? EmotionModelOptions.Default);
    }

    /// <summary>
    /// Loads a new instance of the embedded default model of <paramref name="precision"/>, owned by
    /// the caller (unlike the shared <see cref="Default"/>): <see cref="DefaultModelPrecision.Int8"/>
    /// is the default quantized to int8, faster on the CPU for nearly the same accuracy (its
    /// metadata records both models' scores).
    /// <code>
    /// using EmotionModel fast = EmotionClassifier.LoadDefault(DefaultModelPrecision.Int8);
    /// </code>
    /// </summary>
    /// <param name="precision">Which embedded model: <see cref="DefaultModelPrecision.Float32"/> (what <see cref="Default"/> runs) or <see cref="DefaultModelPrecision.Int8"/>.</param>
    /// <param name="options">How the model scores faces, such as with test-time augmentation; null for <see cref="EmotionModelOptions.Default"/>.</param>
    /// <returns>The loaded model; yours to dispose.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> is not a defined <see cref="DefaultModelPrecision"/>.</exception>
    /// <exception cref="InvalidOperationException">No model of that precision is embedded in this build of FerNet.Inference.</exception>
    public static EmotionModel LoadDefault(DefaultModelPrecision precision = DefaultModelPrecision.Float32, EmotionModelOptions? options = null) =>
        EmbeddedModel.Load(EmbeddedModel.ResourceName(precision), options ?? EmotionModelOptions.Default);

    /// <summary>Classifies the face in an image file with the default model; see <see cref="EmotionModel.Predict(string)"/>.</summary>
    /// <param name="imagePath">The path of a face crop (JPEG, PNG, BMP, GIF or WebP).</param>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static EmotionPrediction Predict(string imagePath) => Default.Predict(imagePath);

    /// <summary>Classifies the face in an encoded image read from a stream with the default model; see <see cref="EmotionModel.Predict(Stream)"/>.</summary>
    /// <param name="image">A readable stream holding a face crop; it is read but not disposed.</param>
    /// <exception cref="InvalidOperationException">No default model is embedded in this build of FerNet.Inference.</exception>
    public static EmotionPrediction Predict(Stream image) => Default.Predict(image);
}
