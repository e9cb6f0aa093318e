namespace FerNet.Inference;

/// <summary>
/// Which of the two embedded default models <see cref="EmotionClassifier.LoadDefault"/>
/// loads: the float32 default, or its int8 quantization, which runs faster for nearly the same
/// accuracy and gives the same answers on every CPU; how much faster depends on the CPU's 8-bit
/// instructions (docs/quantization.md gives the figures).
/// </summary>
public enum DefaultModelPrecision
{
    /// <summary>The float32 default model: what <see cref="EmotionClassifier.Default"/> and the static Predict methods run.</summary>
    Float32,

    /// <summary>
    /// The float32 default quantized to int8 (int8 weights, uint8 activations), which ONNX Runtime's
    /// CPU provider runs with integer kernels. Its metadata names the float32 model it was made from
    /// and records both models' accuracy.
    /// </summary>
    Int8,
}
