using FerNet.Inference;
using Onnx;

namespace FerNet.Training.Import;

/// <summary>
/// The convolution and BatchNorm nodes of a ResNet graph of basic blocks, found by following its
/// connections from the input (see <see cref="ImageNetResNetImport"/>).
/// </summary>
internal sealed class ResNetGraphLayout
{
    private readonly string _path;
    private readonly ILookup<string, NodeProto> _consumers;

    /// <summary>Follows <paramref name="graph"/> from its one non-initializer input.</summary>
    /// <exception cref="InvalidModelException">The graph departs from the stem-and-blocks layout; the message names the node.</exception>
    public ResNetGraphLayout(string path, GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _path = path;
        _consumers = graph.Node.SelectMany(n => n.Input.Select(input => (input, n))).ToLookup(p => p.input, p => p.n);
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet();
        string x = graph.Input.Single(i => !initializers.Contains(i.Name)).Name;

        NodeProto stemConv = Next(x, "Conv");
        NodeProto stemNorm = Next(stemConv.Output[0], "BatchNormalization");
        NodeProto pool = Next(Next(stemNorm.Output[0], "Relu").Output[0], "MaxPool");
        Stem = (stemConv, stemNorm);

        var blocks = new List<(NodeProto Conv, NodeProto Norm)[]>();
        x = pool.Output[0];
        while (_consumers[x].Where(n => n.OpType == "Conv").ToList() is { Count: > 0 } convs)
        {
            // The main path opens with a 3x3 convolution; a projecting block also feeds a 1x1 one.
            NodeProto? shortcutConv = convs.FirstOrDefault(n => n.Attribute.Any(a => a.Name == "kernel_shape" && a.Ints.All(k => k == 1)));
            NodeProto conv1 = convs.Single(n => n != shortcutConv);
            NodeProto norm1 = Next(conv1.Output[0], "BatchNormalization");
            NodeProto conv2 = Next(Next(norm1.Output[0], "Relu").Output[0], "Conv");
            NodeProto norm2 = Next(conv2.Output[0], "BatchNormalization");
            NodeProto add = Next(norm2.Output[0], "Add");
            var pairs = new List<(NodeProto, NodeProto)> { (conv1, norm1), (conv2, norm2) };
            string shortcut = x;
            if (shortcutConv is not null)
            {
                NodeProto shortcutNorm = Next(shortcutConv.Output[0], "BatchNormalization");
                pairs.Add((shortcutConv, shortcutNorm));
                shortcut = shortcutNorm.Output[0];
            }

            if (!add.Input.Contains(shortcut))
            {
                throw new InvalidModelException($"{path}: Add '{add.Name}' does not take the block's shortcut '{shortcut}'; it is not a basic block.");
            }

            blocks.Add([.. pairs]);
            x = Next(add.Output[0], "Relu").Output[0];
        }

        Blocks = blocks;
    }

    /// <summary>The stem's convolution and BatchNorm.</summary>
    public (NodeProto Conv, NodeProto Norm) Stem { get; }

    /// <summary>Per block in forward order: main path's first and second convolution with their BatchNorms, then the shortcut's if it has one.</summary>
    public IReadOnlyList<(NodeProto Conv, NodeProto Norm)[]> Blocks { get; }

    private NodeProto Next(string tensor, string opType)
    {
        List<NodeProto> users = [.. _consumers[tensor]];
        return users is [{ } node] && node.OpType == opType
            ? node
            : throw new InvalidModelException(
                $"{_path}: tensor '{tensor}' feeds [{string.Join(", ", users.Select(u => $"{u.OpType} '{u.Name}'"))}] where one {opType} was expected; it is not a ResNet of basic blocks.");
    }
}
