using FerNet.Core;
using FerNet.Core.Models;
using FerNet.Inference;
using FerNet.Training.Export;
using Onnx;

namespace FerNet.Training.Quantization;

/// <summary>Reads the float32 FerNet model that <c>quantize</c> starts from, refusing files it cannot quantize.</summary>
internal static class QuantizationSource
{
    /// <summary>The model at <paramref name="path"/>, checked to be a float32 FerNet model.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidModelException">The file is not an ONNX model, not FerNet's, or already quantized.</exception>
    public static ModelProto Read(string path)
    {
        ModelProto model = OnnxModelFile.Read(path, "Model");

        GraphProto? graph = model.Graph;
        string labels = string.Join(',', EmotionLabels.Names);
        string? modelLabels = model.MetadataProps.FirstOrDefault(p => p.Key == ModelMetadataKeys.Labels)?.Value;
        if (graph is null || graph.Input.Count != 1 || graph.Input[0].Name != FaceInputContract.InputName
            || graph.Output.All(o => o.Name != FaceInputContract.LogitsName) || modelLabels != labels)
        {
            throw new InvalidModelException(
                $"Model {path} is not a FerNet model: it needs one input '{FaceInputContract.InputName}', an output '{FaceInputContract.LogitsName}' and '{ModelMetadataKeys.Labels}' = '{labels}' (it has inputs [{string.Join(", ", graph?.Input.Select(i => i.Name) ?? [])}], outputs [{string.Join(", ", graph?.Output.Select(o => o.Name) ?? [])}], labels '{modelLabels ?? "(none)"}'); export it with FerNet.");
        }

        if (model.MetadataProps.Any(p => p.Key == ModelMetadataKeys.Quantization) || graph.Node.Any(n => n.OpType is "QuantizeLinear" or "DequantizeLinear"))
        {
            throw new InvalidModelException($"Model {path} is already quantized; quantize its float32 source instead.");
        }

        return model;
    }
}
