using FerNet.Core;
using FerNet.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace FerNet.Inference.Models;

/// <summary>
/// Checks at load time that an ONNX model fits FerNet: one float32 input "input" of shape
/// [N, 1, 48, 48], a float32 output "probabilities" of shape [N, 7], and the seven label names in
/// output order in its metadata. N may be symbolic or 1.
/// </summary>
internal static class ModelContract
{
    private static readonly int[] InputShape = [FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width];

    /// <summary>Checks <paramref name="session"/>'s model and reads where each emotion is in its output.</summary>
    /// <param name="session">A session on the model.</param>
    /// <param name="modelName">How error messages name the model, such as "Model 'a.onnx'".</param>
    /// <returns>For each emotion in canonical order, the index of its probability in the model's output.</returns>
    /// <exception cref="InvalidModelException">The model does not fit.</exception>
    public static int[] Check(InferenceSession session, string modelName)
    {
        CheckInput(session, modelName);
        CheckOutput(session, modelName);
        return ReadLabelOrder(session.ModelMetadata.CustomMetadataMap, modelName);
    }

    private static void CheckInput(InferenceSession session, string modelName)
    {
        if (session.InputMetadata.Count != 1 || !session.InputMetadata.TryGetValue(FaceInputContract.InputName, out NodeMetadata? input))
        {
            throw new InvalidModelException(
                $"{modelName} has inputs [{string.Join(", ", session.InputMetadata.Keys)}]; a FerNet model has exactly one, named '{FaceInputContract.InputName}'.");
        }

        int[] dims = input.IsTensor ? input.Dimensions : [];
        bool fits = input.IsTensor
            && input.ElementType == typeof(float)
            && dims.Length == 4
            && dims[0] is -1 or 1
            && dims.AsSpan(1).SequenceEqual(InputShape);
        if (!fits)
        {
            throw new InvalidModelException(
                $"{modelName} takes '{FaceInputContract.InputName}' as {Describe(input)}; a FerNet model takes float32 [N, {FaceInputContract.Channels}, {FaceInputContract.Height}, {FaceInputContract.Width}] (one 48x48 grayscale face per row).");
        }
    }

    private static void CheckOutput(InferenceSession session, string modelName)
    {
        if (!session.OutputMetadata.TryGetValue(FaceInputContract.OutputName, out NodeMetadata? output))
        {
            throw new InvalidModelException(
                $"{modelName} has outputs [{string.Join(", ", session.OutputMetadata.Keys)}]; a FerNet model has one named '{FaceInputContract.OutputName}' holding the softmax of the {EmotionLabels.Count} classes.");
        }

        bool fits = output.IsTensor
            && output.ElementType == typeof(float)
            && output.Dimensions.Length == 2
            && output.Dimensions[0] is -1 or 1
            && output.Dimensions[1] == EmotionLabels.Count;
        if (!fits)
        {
            throw new InvalidModelException(
                $"{modelName} gives '{FaceInputContract.OutputName}' as {Describe(output)}; a FerNet model gives float32 [N, {EmotionLabels.Count}].");
        }
    }

    private static int[] ReadLabelOrder(IReadOnlyDictionary<string, string> metadata, string modelName)
    {
        string expected = $"the {EmotionLabels.Count} names {string.Join(",", EmotionLabels.Names)} in output order";
        if (!metadata.TryGetValue(ModelMetadataKeys.Labels, out string? labels))
        {
            throw new InvalidModelException($"{modelName} has no '{ModelMetadataKeys.Labels}' metadata; it must hold {expected}.");
        }

        string[] names = labels.Split(',', StringSplitOptions.TrimEntries);
        var outputIndexOf = new int[EmotionLabels.Count];
        Array.Fill(outputIndexOf, -1);
        for (int outputIndex = 0; outputIndex < names.Length; outputIndex++)
        {
            if (!EmotionLabels.TryParse(names[outputIndex], out Emotion emotion) || outputIndexOf[(int)emotion] >= 0)
            {
                throw new InvalidModelException(
                    $"{modelName} has '{ModelMetadataKeys.Labels}' = '{labels}', where '{names[outputIndex]}' is unknown or repeated; it must hold {expected}.");
            }

            outputIndexOf[(int)emotion] = outputIndex;
        }

        if (names.Length != EmotionLabels.Count)
        {
            throw new InvalidModelException($"{modelName} has '{ModelMetadataKeys.Labels}' = '{labels}' ({names.Length} names); it must hold {expected}.");
        }

        return outputIndexOf;
    }

    private static string Describe(NodeMetadata node) => node.IsTensor
        ? $"{node.ElementDataType} [{string.Join(", ", node.Dimensions.Select(d => d < 0 ? "N" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]"
        : $"a {node.OnnxValueType} (not a tensor)";
}
