using Microsoft.ML.OnnxRuntime;

namespace FerNet.Faces.Detection;

/// <summary>
/// A YuNet model in ONNX Runtime. Opening it checks that the graph is YuNet's: an input named
/// <c>input</c> of 1 x 3 x height x width and the twelve outputs <c>FaceDetectorYN</c> reads,
/// then runs a blank 32 x 32 image and checks the size of every output, so that an ONNX file of
/// another model is refused at load rather than at the first photo. Runs are thread-safe.
/// </summary>
internal sealed class YuNetSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();

    private YuNetSession(InferenceSession session) => _session = session;

    /// <summary>Loads and checks a model.</summary>
    /// <param name="modelBytes">The .onnx file's bytes.</param>
    /// <param name="modelName">How messages name the model, such as "Face detector model 'x.onnx'".</param>
    /// <exception cref="FaceDetectorModelException">ONNX Runtime cannot load the bytes, or the model is not YuNet.</exception>
    public static YuNetSession Open(byte[] modelBytes, string modelName)
    {
        InferenceSession session;
        try
        {
            session = new InferenceSession(modelBytes);
        }
        catch (OnnxRuntimeException e)
        {
            throw new FaceDetectorModelException($"{modelName} is not an ONNX model that ONNX Runtime can load ({e.Message.Trim()}). {YuNetFaceDetector.WhereToGetTheModel}", e);
        }

        var opened = new YuNetSession(session);
        try
        {
            opened.CheckGraph(modelName);
            opened.Probe(modelName);
            return opened;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    /// <summary>Runs the model on a 1 x 3 x <paramref name="height"/> x <paramref name="width"/> BGR blob; the outputs in <see cref="YuNetOutputs.Names"/>' order.</summary>
    public float[][] Run(float[] blob, int width, int height)
    {
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(blob, [1, 3, height, width]);
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(_runOptions, [YuNetOutputs.InputName], [input], YuNetOutputs.Names);
        return [.. outputs.Select(output => output.GetTensorDataAsSpan<float>().ToArray())];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }

    private void CheckGraph(string modelName)
    {
        bool inputFits = _session.InputMetadata.TryGetValue(YuNetOutputs.InputName, out NodeMetadata? input)
            && input.ElementType == typeof(float)
            && input.Dimensions.Length == 4
            && input.Dimensions[1] == 3;
        string[] missing = [.. YuNetOutputs.Names.Where(name => !_session.OutputMetadata.ContainsKey(name))];
        if (!inputFits || missing.Length > 0)
        {
            string inputs = string.Join(", ", _session.InputMetadata.Select(pair => $"{pair.Key} [{string.Join(" x ", pair.Value.Dimensions)}]"));
            string fault = !inputFits
                ? $"it has no float input '{YuNetOutputs.InputName}' of 1 x 3 x height x width (its inputs: {inputs})"
                : $"it lacks the outputs {string.Join(", ", missing)}";
            throw new FaceDetectorModelException($"{modelName} is an ONNX model but not YuNet: {fault}. {YuNetFaceDetector.WhereToGetTheModel}");
        }
    }

    private void Probe(string modelName)
    {
        const int Side = YuNetOutputs.Divisor;
        float[][] outputs;
        try
        {
            outputs = Run(new float[3 * Side * Side], Side, Side);
        }
        catch (OnnxRuntimeException e)
        {
            throw new FaceDetectorModelException($"{modelName} fails on a blank {Side} x {Side} image ({e.Message.Trim()}); it is not YuNet. {YuNetFaceDetector.WhereToGetTheModel}", e);
        }

        int[] perCell = [1, 1, YuNetOutputs.BoxValues, YuNetOutputs.LandmarkValues];
        for (int i = 0; i < outputs.Length; i++)
        {
            int stride = YuNetOutputs.Strides[i % YuNetOutputs.Strides.Length];
            int expected = Side / stride * (Side / stride) * perCell[i / YuNetOutputs.Strides.Length];
            if (outputs[i].Length != expected)
            {
                throw new FaceDetectorModelException(
                    $"{modelName} is not YuNet: on a {Side} x {Side} image its output '{YuNetOutputs.Names[i]}' has {outputs[i].Length} values where YuNet gives {expected}. {YuNetFaceDetector.WhereToGetTheModel}");
            }
        }
    }
}
