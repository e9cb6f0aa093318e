using FerNet.Inference;
using FerNet.Training.Export;
using FerNet.Training.Models;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Import;

/// <summary>
/// Reads the ImageNet weights of Microsoft's <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package
/// (<c>tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx</c>, a CNTK 2.6 export, MIT licence) into a
/// <see cref="ResNet18"/> model, its classifier left as initialised.
/// </summary>
/// <remarks>
/// <para>
/// The layers are found by following the graph's connections from its input, not by node order (CNTK
/// writes a block's 1x1 shortcut convolution before its main path): the stem's Conv, BatchNormalization,
/// Relu and MaxPool, then per block the main path Conv → BatchNormalization → Relu → Conv →
/// BatchNormalization into an Add whose other input is the block's input or its shortcut's Conv →
/// BatchNormalization, and a Relu. Every tensor is checked against its layer's shape and named when
/// it differs; strides and BatchNorm epsilons must match too. The file's pads are asymmetric (stem
/// [3,3,2,2], stride-2 layers [1,1,0,0]); on the even map sizes of <see cref="ResNet18"/> they read
/// the same pixels as its symmetric padding.
/// </para>
/// <para>
/// The file expects BGR pixels in 0–255 minus a mean image (<c>MeanImage</c> in the package's
/// <c>ResNetPrepOnnx/ResNetPreprocess.onnx</c>); FerNet's input is one gray channel in 0–1. For a gray
/// face the three channels are equal, so the stem's kernel becomes 255 × the sum of its three channel
/// kernels, and subtracting channel c's mean image value m_c, taken as its average over the image,
/// lowers each output o by k_o = Σ_c m_c Σ W[o, c], which is folded into the stem BatchNorm's running
/// mean. Inside the image that is exact; where the stem's window reaches into the padding, the
/// original network padded after subtracting the mean and this one before, so border outputs differ
/// by the padded taps' share of k_o.
/// </para>
/// </remarks>
internal static class ImageNetResNetImport
{
    /// <summary>The package's mean-image file, relative to the folder of its ResNet18.onnx.</summary>
    public static readonly string PreprocessRelativePath = Path.Combine("..", "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    private const string MeanImageName = "MeanImage";

    /// <summary>The value range of the package's pixels, against FerNet's 0–1.</summary>
    private const float PixelRange = 255;

    /// <summary>Whether <paramref name="model"/> is the package's CNTK ResNet: no FerNet metadata, a CNTK producer and one [N, 3, H, W] input.</summary>
    public static bool IsPackageModel(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.ProducerName != "CNTK" || model.Graph is not { } graph || OnnxEnsemble.Metadata(model, FerNet.Core.Models.ModelMetadataKeys.Architecture) is not null)
        {
            return false;
        }

        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet();
        return graph.Input.Where(i => !initializers.Contains(i.Name)).ToList() is [{ } input]
            && input.Type?.TensorType?.Shape?.Dim is { Count: 4 } dims && dims[1].DimValue == 3;
    }

    /// <summary>Copies the package file's weights, at <paramref name="path"/>, into <paramref name="model"/>.</summary>
    /// <exception cref="InvalidModelException">
    /// <paramref name="model"/> is not a ResNet18, the graph is not laid out as described, a tensor's
    /// shape, a stride or an epsilon differs from the model's (the message names the tensor or node), or
    /// the mean image is missing; <paramref name="model"/> may be partly written.
    /// </exception>
    public static ImportedWeights ReadInto(string path, ModelProto onnx, FerModel model)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(model);
        if (!ResNet18.IsArchitecture(model.Architecture))
        {
            throw new InvalidModelException($"{path} holds ImageNet ResNet18 weights; the run trains {model.Architecture}. Give --arch {ResNet18.Name}, {ResNet18.ThreeStageName} or {ResNet18.NativeInputName}.");
        }

        float[] channelMeans = ChannelMeans(path);
        var graph = new ResNetGraphLayout(path, onnx.Graph);
        Dictionary<string, TensorProto> initializers = onnx.Graph.Initializer.ToDictionary(t => t.Name);
        var used = new HashSet<string>();
        var modules = model.Layers.ToDictionary(l => l.Name, l => l.Layer);
        var blocks = model.Layers.Where(l => l.Layer is ResidualBlock).Select(l => (l.Name, Block: (ResidualBlock)l.Layer)).ToList();
        if (graph.Blocks.Count < blocks.Count)
        {
            throw new InvalidModelException($"{path} holds {graph.Blocks.Count} residual blocks; {model.Architecture} needs {blocks.Count}.");
        }

        using (no_grad())
        {
            ReadStem(path, initializers, used, graph.Stem, (Conv2d)modules["conv1"], (BatchNorm2d)modules["bn1"], channelMeans);
            for (int b = 0; b < blocks.Count; b++)
            {
                (string blockName, ResidualBlock block) = blocks[b];
                var layers = block.Main.Concat(block.Shortcut).ToDictionary(l => l.Name, l => l.Layer);
                (string Conv, string Norm)[] pairs = ResNet18.BlockPairs(projects: block.Shortcut.Count > 0);
                if (pairs.Length != graph.Blocks[b].Length)
                {
                    throw new InvalidModelException($"{path}: block {b + 1} has {graph.Blocks[b].Length / 2} convolutions on its paths where {blockName} of {model.Architecture} has {pairs.Length / 2}.");
                }

                for (int p = 0; p < pairs.Length; p++)
                {
                    ReadPair(path, initializers, used, graph.Blocks[b][p], (Conv2d)layers[pairs[p].Conv], (BatchNorm2d)layers[pairs[p].Norm]);
                }
            }
        }

        int unread = initializers.Count - used.Count;
        return new ImportedWeights(path, null, $"ImageNet {ResNet18.Name} ({initializers.Count - unread} of {initializers.Count} tensors read)", [], ["fc"], null);
    }

    /// <summary>Each BGR channel's average over the package's mean image.</summary>
    private static float[] ChannelMeans(string path)
    {
        string preprocess = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, PreprocessRelativePath));
        ModelProto model = OnnxModelFile.Read(preprocess, $"The mean image of {path},");
        if (model.Graph?.Initializer.FirstOrDefault(t => t.Name == MeanImageName) is not { } mean || mean.Dims.Count != 4 || mean.Dims[1] != 3)
        {
            throw new InvalidModelException($"{preprocess} has no [1, 3, H, W] tensor '{MeanImageName}'.");
        }

        var mean3 = new Dictionary<string, TensorProto> { [MeanImageName] = mean };
        using Tensor image = OnnxWeightImport.Read(mean3, [], preprocess, MeanImageName, [.. mean.Dims]);
        using Tensor channelMeans = image.to(ScalarType.Float64).mean([0, 2, 3]);
        return [.. channelMeans.data<double>().Select(v => (float)v)];
    }

    private static void ReadStem(string path, Dictionary<string, TensorProto> initializers, HashSet<string> used, (NodeProto Conv, NodeProto Norm) stem, Conv2d conv, BatchNorm2d norm, float[] channelMeans)
    {
        CheckConv(path, stem.Conv, conv);
        long[] shape = conv.weight!.shape;
        long[] fileShape = [shape[0], channelMeans.Length, shape[2], shape[3]];
        using Tensor colour = OnnxWeightImport.Read(initializers, used, path, stem.Conv.Input[1], fileShape);
        conv.weight.copy_(colour.sum(1, keepdim: true) * PixelRange);

        // k_o = Σ_c m_c Σ_taps W[o, c]: what subtracting the channel means takes off each output.
        using Tensor means = tensor(channelMeans).reshape(1, channelMeans.Length, 1, 1);
        using Tensor offset = (colour * means).sum([1, 2, 3]);
        ReadNorm(path, initializers, used, stem.Norm, norm);
        norm.running_mean!.add_(offset);
    }

    private static void ReadPair(string path, Dictionary<string, TensorProto> initializers, HashSet<string> used, (NodeProto Conv, NodeProto Norm) pair, Conv2d conv, BatchNorm2d norm)
    {
        CheckConv(path, pair.Conv, conv);
        using Tensor weight = OnnxWeightImport.Read(initializers, used, path, pair.Conv.Input[1], conv.weight!.shape);
        conv.weight.copy_(weight);
        ReadNorm(path, initializers, used, pair.Norm, norm);
    }

    private static void CheckConv(string path, NodeProto node, Conv2d conv)
    {
        if (node.Input.Count > 2 && node.Input[2].Length > 0)
        {
            throw new InvalidModelException($"{path}: Conv '{node.Name}' has a bias; ResNet18's convolutions have none.");
        }

        long[] strides = Attribute(node, "strides") ?? [1, 1];
        if (!strides.SequenceEqual(conv.stride))
        {
            throw new InvalidModelException($"{path}: Conv '{node.Name}' has strides [{string.Join(", ", strides)}]; the layer has [{string.Join(", ", conv.stride)}].");
        }
    }

    private static void ReadNorm(string path, Dictionary<string, TensorProto> initializers, HashSet<string> used, NodeProto node, BatchNorm2d norm)
    {
        float epsilon = node.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;
        if (Math.Abs(epsilon - norm.eps) > 1e-9)
        {
            throw new InvalidModelException($"{path}: BatchNormalization '{node.Name}' has epsilon {epsilon}; the layer has {norm.eps}.");
        }

        long[] channels = [norm.running_mean!.shape[0]];
        Tensor[] values = [.. node.Input.Skip(1).Take(4).Select(name => OnnxWeightImport.Read(initializers, used, path, name, channels))];
        if (values.Length != 4)
        {
            throw new InvalidModelException($"{path}: BatchNormalization '{node.Name}' has {values.Length + 1} inputs, not 5.");
        }

        Tensor[] targets = [norm.weight!, norm.bias!, norm.running_mean!, norm.running_var!];
        for (int i = 0; i < 4; i++)
        {
            using (values[i])
            {
                targets[i].copy_(values[i]);
            }
        }
    }

    private static long[]? Attribute(NodeProto node, string name) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? [.. attribute.Ints] : null;
}
