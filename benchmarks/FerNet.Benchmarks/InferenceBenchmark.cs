using BenchmarkDotNet.Attributes;
using FerNet.Benchmarks.Models;
using FerNet.Core;
using FerNet.Inference;
using FerNet.Inference.Images;
using FerNet.Inference.Pipeline;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace FerNet.Benchmarks;

/// <summary>
/// What every benchmark compares: one model loaded twice, as an <see cref="EmotionModel"/> and as a
/// raw <see cref="InferenceSession"/> with default options, and generated JPEG faces together with
/// the tensors FerNet's preprocessing makes of them.
/// </summary>
public abstract class InferenceBenchmark : IDisposable
{
    private InferenceSession? _session;
    private RunOptions? _runOptions;
    private FacePreprocessing? _preprocessing;

    private protected byte[] ModelBytes { get; private set; } = [];

    private protected EmotionModel Model { get; private set; } = null!;

    private protected byte[][] Jpegs { get; private set; } = [];

    [GlobalCleanup]
    public void Dispose()
    {
        Model?.Dispose();
        _session?.Dispose();
        _runOptions?.Dispose();
        _preprocessing?.Dispose();
        DisposeMore();
        GC.SuppressFinalize(this);
    }

    private protected void LoadModelAndFaces(int faces)
    {
        ModelBytes = BenchmarkModel.Load();
        Model = EmotionClassifier.FromStream(new MemoryStream(ModelBytes));
        _session = new InferenceSession(ModelBytes);
        _runOptions = new RunOptions();
        _preprocessing = new FacePreprocessing(new MLContext(seed: 0));
        Jpegs = BenchmarkFaces.Jpegs(faces);
    }

    /// <summary>The [N, 1, 48, 48] tensor of <paramref name="jpegs"/>, as FerNet's pipeline preprocesses them.</summary>
    private protected float[] Preprocess(IEnumerable<byte[]> jpegs)
    {
        MLImage[] images = [.. jpegs.Select(jpeg => ImageDecoder.Decode(jpeg, "benchmark face"))];
        var tensor = new float[images.Length * FaceInputContract.PixelCount];
        _preprocessing!.WriteTensor(images, tensor);
        Array.ForEach(images, image => image.Dispose());
        return tensor;
    }

    /// <summary>One raw ONNX Runtime run on <paramref name="tensor"/>; returns the first probability so that nothing is optimised away.</summary>
    private protected float RunOnnxRuntime(float[] tensor)
    {
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(tensor, [tensor.Length / FaceInputContract.PixelCount, 1, FaceInputContract.Height, FaceInputContract.Width]);
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session!.Run(_runOptions, [FaceInputContract.InputName], [input], [FaceInputContract.OutputName]);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    private protected virtual void DisposeMore()
    {
    }
}
