using System.Buffers.Binary;
using FerNet.Core;
using FerNet.Core.Models;
using FerNet.Inference;
using FerNet.Training.Export;
using FerNet.Training.Models;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Import;

/// <summary>
/// Reads the weights of an exported FerNet .onnx back into the TorchSharp model of the architecture
/// its metadata names: the inverse of <see cref="OnnxGraphWriter"/>, layer by layer, with every
/// tensor's name and shape checked. From an ensemble, one member is read, chosen by its position.
/// </summary>
/// <remarks>
/// A convolution exported with its BatchNorm folded in comes back as that convolution's folded kernel
/// and a BatchNorm that adds the folded bias and otherwise passes values through (scale 1, mean 0,
/// variance 1 − ε). That is exact in eval mode, but in training mode BatchNorm normalises with each
/// batch's statistics, which such a layer does not describe; <see cref="FoldedNormCalibration"/>
/// restores statistics that make both modes agree before training goes on.
/// </remarks>
internal static class OnnxWeightImport
{
    private const string EnsemblePrefix = "ensemble(";
    private const string MeanNodeName = "ensemble/mean";

    /// <summary>Whether <paramref name="path"/> names an ONNX file rather than a FerNet checkpoint.</summary>
    public static bool IsOnnxPath(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>The architecture of the single model at <paramref name="path"/>, or of its member <paramref name="member"/> when it is an ensemble.</summary>
    /// <exception cref="InvalidModelException">The file is not a FerNet float32 model, or <paramref name="member"/> does not fit it.</exception>
    public static string ReadArchitecture(string path, int? member)
    {
        ModelProto model = OnnxModelFile.Read(path, "The model to start from,");
        if (ImageNetResNetImport.IsPackageModel(model))
        {
            return ResNet18.Name;
        }

        model = Parse(path, model);
        return Member(model, path, member).Architecture;
    }

    /// <summary>Copies the weights of the model at <paramref name="path"/> (or of its member <paramref name="member"/>) into <paramref name="model"/>.</summary>
    /// <returns>What was read: which BatchNorm layers came back folded, and the source's validation accuracy when it records one.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <remarks>
    /// A model may also start from an architecture it grows (<see cref="FerVgg.Grows"/>): the layers
    /// both have are read, the others are listed in <see cref="ImportedWeights.FreshLayers"/>.
    /// </remarks>
    /// <remarks>The ImageNet ResNet18 of Microsoft's DnnImageFeaturizer package is read by <see cref="ImageNetResNetImport"/>.</remarks>
    /// <exception cref="InvalidModelException">The file is not a FerNet float32 model, is of an architecture the model neither is nor grows, or a tensor is missing or has another shape; <paramref name="model"/> may be partly written.</exception>
    public static ImportedWeights ReadInto(string path, FerModel model, int? member = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelProto onnx = OnnxModelFile.Read(path, "The model to start from,");
        if (ImageNetResNetImport.IsPackageModel(onnx))
        {
            return member is null
                ? ImageNetResNetImport.ReadInto(path, onnx, model)
                : throw new InvalidModelException($"{path} is the ImageNet ResNet18, not an ensemble: leave out --init-member.");
        }

        onnx = Parse(path, onnx);
        (string prefix, string architecture) = Member(onnx, path, member);
        bool growing = architecture != model.Architecture;
        if (growing && !FerVgg.Grows(model.Architecture, architecture))
        {
            throw new InvalidModelException($"{path}{MemberText(member)} is a {architecture} model; the run trains {model.Architecture}. Give --arch {architecture} or a model of the run's architecture.");
        }

        // Growing a model reads the source's convolutions and BatchNorms; its classifier, of another
        // shape, and the layers the source lacks keep their fresh initialisation.
        HashSet<string>? sourceLayers = growing ? SharedLayerNames(architecture) : null;

        Dictionary<string, TensorProto> initializers = onnx.Graph.Initializer
            .Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Name[prefix.Length..]);
        var reader = new WeightReader(path, initializers, sourceLayers);
        using (no_grad())
        {
            LayerWalk.Run(model, FaceInputContract.InputName, reader, evalSemantics: true);
        }

        HashSet<string> used = reader.Used;
        List<string> folded = reader.Folded;
        List<string> fresh = reader.Fresh;
        if (initializers.Keys.Except(used).FirstOrDefault(name => sourceLayers is null || sourceLayers.Contains(name.Split('.')[0])) is string unread)
        {
            throw new InvalidModelException($"{path}{MemberText(member)} holds tensor '{prefix}{unread}', which no layer of {architecture} reads: it was not written by FerNet's exporter for this architecture.");
        }

        double? validation = member is null && OnnxEnsemble.Metadata(onnx, ModelMetadataKeys.ValidationAccuracy) is string v
            && double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out double accuracy) ? accuracy : null;
        return new ImportedWeights(path, member, architecture, folded, fresh, validation);
    }

    /// <summary>The convolutions and BatchNorms of <paramref name="architecture"/>, which a model grown from it shares.</summary>
    private static HashSet<string> SharedLayerNames(string architecture)
    {
        using FerModel source = ModelCatalog.Create(architecture);
        return [.. source.Trace().Where(l => l.Type is nameof(Conv2d) or nameof(BatchNorm2d)).Select(l => l.Name)];
    }

    private static ModelProto Parse(string path, ModelProto model)
    {

        if (model.Graph is null || OnnxEnsemble.Metadata(model, ModelMetadataKeys.Architecture) is null)
        {
            throw new InvalidModelException($"{path} has no '{ModelMetadataKeys.Architecture}' metadata: only models exported by FerNet can be trained further.");
        }

        if (OnnxEnsemble.Metadata(model, ModelMetadataKeys.Quantization) is string quantization)
        {
            throw new InvalidModelException($"{path} is quantized ({quantization}); train from the float32 model it was made from.");
        }

        return model;
    }

    /// <summary>The name prefix and architecture of the single model to read.</summary>
    private static (string Prefix, string Architecture) Member(ModelProto model, string path, int? member)
    {
        string architecture = OnnxEnsemble.Metadata(model, ModelMetadataKeys.Architecture)!;
        NodeProto? mean = model.Graph.Node.FirstOrDefault(n => n.Name == MeanNodeName && n.OpType == "Mean");
        if (mean is null || !architecture.StartsWith(EnsemblePrefix, StringComparison.Ordinal))
        {
            if (member is not null)
            {
                throw new InvalidModelException($"{path} is a single {architecture} model, not an ensemble: leave out --init-member.");
            }

            return ("", architecture);
        }

        string[] architectures = architecture[EnsemblePrefix.Length..^1].Split(',');
        if (member is not int index || index < 0 || index >= mean.Input.Count || architectures.Length != mean.Input.Count)
        {
            throw new InvalidModelException($"{path} is an ensemble of {mean.Input.Count} models ({architecture}): choose one with --init-member 0..{mean.Input.Count - 1}.");
        }

        // A member's logits are named "<prefix>logits", nested ensembles adding their own prefixes.
        string logits = mean.Input[index];
        return (logits[..^FaceInputContract.LogitsName.Length], architectures[index]);
    }

    private static string MemberText(int? member) => member is int index ? $" (member {index})" : "";

    /// <summary>The float32 tensor <paramref name="name"/> of <paramref name="path"/>, checked against <paramref name="shape"/> and noted in <paramref name="used"/>.</summary>
    /// <exception cref="InvalidModelException">The tensor is missing, has another shape, or is not float32; the message names it.</exception>
    internal static Tensor Read(Dictionary<string, TensorProto> initializers, HashSet<string> used, string path, string name, long[] shape)
    {
        if (!initializers.TryGetValue(name, out TensorProto? proto))
        {
            throw new InvalidModelException($"{path} has no tensor '{name}', which the layer of that name needs: it was not exported from this architecture.");
        }

        if (!proto.Dims.SequenceEqual(shape))
        {
            throw new InvalidModelException($"{path}: tensor '{name}' is [{string.Join(", ", proto.Dims)}]; the layer needs [{string.Join(", ", shape)}].");
        }

        if (proto.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidModelException($"{path}: tensor '{name}' has ONNX data type {proto.DataType}, not float32.");
        }

        float[] values;
        if (proto.RawData.Length > 0)
        {
            ReadOnlySpan<byte> raw = proto.RawData.Span;
            values = new float[raw.Length / sizeof(float)];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
            }
        }
        else
        {
            values = [.. proto.FloatData];
        }

        if (values.LongLength != shape.Aggregate(1L, (a, b) => a * b))
        {
            throw new InvalidModelException($"{path}: tensor '{name}' holds {values.Length} values for shape [{string.Join(", ", shape)}].");
        }

        used.Add(name);
        return tensor(values).reshape(shape);
    }

    private static void Copy(Tensor target, Tensor source)
    {
        using (source)
        {
            target.copy_(source);
        }
    }

    /// <summary>Makes <paramref name="norm"/> add <paramref name="bias"/> and otherwise pass values through in eval mode.</summary>
    private static void SetPassThrough(BatchNorm2d norm, Tensor bias)
    {
        using (bias)
        {
            norm.weight!.fill_(1);
            norm.bias!.copy_(bias);
            norm.running_mean!.zero_();
            norm.running_var!.fill_(1 - norm.eps);
        }
    }

    /// <summary>
    /// The walk over the model that copies each layer's tensors from the file: the inverse of
    /// <see cref="OnnxGraphWriter"/>'s translation of the same steps.
    /// </summary>
    private sealed class WeightReader(string path, Dictionary<string, TensorProto> initializers, HashSet<string>? sourceLayers) : ILayerTranslation<string>
    {
        public HashSet<string> Used { get; } = [];

        public List<string> Folded { get; } = [];

        public List<string> Fresh { get; } = [];

        public string Layer(string name, nn.Module layer, string input)
        {
            if (IsFresh(name, layer))
            {
                return name;
            }

            switch (layer)
            {
                case Conv2d conv:
                    CopyWeightAndBias(name, conv.weight!, conv.bias);
                    break;
                case BatchNorm2d norm:
                    long[] channels = [norm.running_mean!.shape[0]];
                    Copy(norm.weight!, Read(initializers, Used, path, $"{name}.weight", channels));
                    Copy(norm.bias!, Read(initializers, Used, path, $"{name}.bias", channels));
                    Copy(norm.running_mean!, Read(initializers, Used, path, $"{name}.running_mean", channels));
                    Copy(norm.running_var!, Read(initializers, Used, path, $"{name}.running_var", channels));
                    break;
                case Linear linear:
                    CopyWeightAndBias(name, linear.weight!, linear.bias);
                    break;
                case BilinearUpscale upscale:
                    string sizes = $"{name}.sizes";
                    if (!initializers.TryGetValue(sizes, out TensorProto? proto) || !proto.Int64Data.SequenceEqual([upscale.Side, upscale.Side]))
                    {
                        throw new InvalidModelException($"{path}: tensor '{sizes}' is missing or does not resize to {upscale.Side}x{upscale.Side}, as layer '{name}' does.");
                    }

                    Used.Add(sizes);
                    break;
            }

            return name;
        }

        // A convolution and a linear layer keep the same two tensors under the same names.
        private void CopyWeightAndBias(string name, Tensor weight, Tensor? bias)
        {
            Copy(weight, Read(initializers, Used, path, $"{name}.weight", weight.shape));
            if (bias is not null)
            {
                Copy(bias, Read(initializers, Used, path, $"{name}.bias", bias.shape));
            }
        }

        public string ConvNorm(string convName, Conv2d conv, string normName, BatchNorm2d norm, string input)
        {
            if (IsFresh(convName, conv) | IsFresh(normName, norm))
            {
                return normName;
            }

            Tensor foldedBias = Read(initializers, Used, path, $"{convName}.bias", [conv.weight!.shape[0]]);
            Copy(conv.weight!, Read(initializers, Used, path, $"{convName}.weight", conv.weight!.shape));
            conv.bias?.zero_();
            SetPassThrough(norm, foldedBias);
            Folded.Add(normName);
            return normName;
        }

        public string Residual(string name, string main, string shortcut) => name;

        /// <summary>Whether a grown model's layer has no counterpart in the source, and is noted as starting fresh.</summary>
        private bool IsFresh(string name, nn.Module layer)
        {
            if (sourceLayers is null || sourceLayers.Contains(name))
            {
                return false;
            }

            if (layer is Conv2d or BatchNorm2d or Linear)
            {
                Fresh.Add(name);
            }

            return true;
        }
    }
}
