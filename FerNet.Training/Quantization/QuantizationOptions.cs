namespace FerNet.Training.Quantization;

/// <summary>How <see cref="QdqQuantizer"/> quantizes a model.</summary>
internal sealed record QuantizationOptions
{
    private readonly double _percentile = 99.999;

    /// <summary>How activation ranges are chosen; <see cref="CalibrationMethod.MinMax"/> unless set.</summary>
    public CalibrationMethod Method { get; init; } = CalibrationMethod.MinMax;

    /// <summary>With <see cref="CalibrationMethod.Percentile"/>: the share of values, in percent, that the range covers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (50, 100].</exception>
    public double Percentile
    {
        get => _percentile;
        init => _percentile = value is > 50 and <= 100
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Percentile), value, "The calibration percentile must be in (50, 100].");
    }

    /// <summary>
    /// Layers (Conv or Gemm nodes) left in float32, by node name; in an ensemble a name also matches
    /// every member's layer of that name (<c>conv1</c> matches <c>m0/conv1</c>, <c>m1/conv1</c>, ...).
    /// </summary>
    public IReadOnlyList<string> FloatLayers { get; init; } = [];

    /// <summary>
    /// Whether the classifier head (global pooling and the fully connected layers after the last
    /// convolution) is quantized too; false unless set, as it costs under 0.1 % of the multiply-adds.
    /// </summary>
    public bool QuantizeHead { get; init; }

    /// <summary>How many calibration images ONNX Runtime scores at once.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Whether <paramref name="nodeName"/> is one of <see cref="FloatLayers"/>.</summary>
    public bool KeepsFloat(string nodeName) => FloatLayers.Any(layer => NamesLayer(nodeName, layer));

    /// <summary>Whether the graph node <paramref name="nodeName"/> is the layer <paramref name="layer"/>, in a single model or in any ensemble member.</summary>
    public static bool NamesLayer(string nodeName, string layer) =>
        nodeName == layer || nodeName.EndsWith("/" + layer, StringComparison.Ordinal);
}
