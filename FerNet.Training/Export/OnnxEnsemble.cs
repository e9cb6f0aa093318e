using FerNet.Core;
using FerNet.Core.Models;
using FerNet.Inference;
using Onnx;

namespace FerNet.Training.Export;

/// <summary>
/// Joins exported FerNet models into one ONNX model that users load like any other: every member's
/// graph runs on the shared <c>input</c>, the ensemble's <c>logits</c> are the mean of the members'
/// logits and its <c>probabilities</c> their softmax (the normalised geometric mean of the members'
/// probabilities). Averaging logits rather than probabilities keeps the single-model contract,
/// probabilities = softmax(logits), exact.
/// </summary>
/// <remarks>
/// Each member's names (nodes, initializers, intermediate values) get the prefix <c>m{index}/</c>,
/// so members with identical layer names cannot collide; each member's own Softmax is dropped, the
/// ensemble computing its own. Members must be FerNet models: one input <c>input</c>, outputs
/// <c>probabilities</c> and <c>logits</c>, labels in FerNet's order, no subgraphs, the same opset.
/// A member that is itself an ensemble joins with its own members, so that every model weighs the
/// same in the mean: adding a model to the default ensemble needs only the ensemble's file.
/// </remarks>
internal static class OnnxEnsemble
{
    /// <summary>The fewest members an ensemble has.</summary>
    public const int MinimumMembers = 2;

    private const string MeanNodeName = "ensemble/mean";
    private const string ArchitecturePrefix = "ensemble(";

    /// <summary>Reads the FerNet model at <paramref name="path"/> as an ensemble member.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidModelException">The file is not an ONNX model, or not one FerNet can join.</exception>
    public static ModelProto ReadMember(string path)
    {
        ModelProto model = OnnxModelFile.Read(path, "Ensemble member");

        CheckMember(model, path);
        return model;
    }

    /// <summary>The architecture name an ensemble of <paramref name="architectures"/> records, e.g. <c>ensemble(fer-vgg,fer-vgg)</c>.</summary>
    public static string ArchitectureName(IEnumerable<string> architectures) => $"{ArchitecturePrefix}{string.Join(',', architectures)})";

    /// <summary>
    /// The ensemble of <paramref name="members"/> with FerNet's contract metadata (labels, input,
    /// normalisation, architecture); the caller adds the run metadata once it has measured the ensemble.
    /// </summary>
    /// <param name="members">The members with the paths they were read from (for error messages), each checked by <see cref="ReadMember"/>.</param>
    /// <param name="leaveOut">
    /// Single models to leave out, by position among all the members' single models (from 0; an
    /// ensemble member's own members in their order): a smaller ensemble from a larger one's file.
    /// </param>
    /// <exception cref="ArgumentException">Fewer than <see cref="MinimumMembers"/> single models would remain.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A position in <paramref name="leaveOut"/> names no single model.</exception>
    /// <exception cref="InvalidModelException">The members' opsets differ.</exception>
    public static ModelProto Combine(IReadOnlyList<(string Path, ModelProto Model)> members, IReadOnlyCollection<int>? leaveOut = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        List<string> architectures = [.. members.SelectMany(m => LeafArchitectures(m.Model))];
        HashSet<int> left = [.. leaveOut ?? []];
        int[] outside = [.. left.Where(i => i < 0 || i >= architectures.Count)];
        if (outside.Length > 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(leaveOut),
                outside[0],
                $"Cannot leave out single model {outside[0]}: the members hold {architectures.Count}, numbered 0 to {architectures.Count - 1} ({string.Join(", ", architectures.Select((a, i) => $"{i}: {a}"))}).");
        }

        if (architectures.Count - left.Count < MinimumMembers)
        {
            throw new ArgumentException(
                $"An ensemble needs at least {MinimumMembers} models; got {architectures.Count - left.Count}{(left.Count > 0 ? $" ({architectures.Count} less the {left.Count} left out)" : "")}.",
                nameof(members));
        }

        long opset = DefaultOpset(members[0].Model);
        if (members.FirstOrDefault(m => DefaultOpset(m.Model) != opset) is { Model: not null } odd)
        {
            throw new InvalidModelException(
                $"Ensemble member {odd.Path} uses opset {DefaultOpset(odd.Model)}, {members[0].Path} opset {opset}; every member must use the same one.");
        }

        architectures = [.. architectures.Where((_, i) => !left.Contains(i))];
        var graph = new GraphProto { Name = ArchitectureName(architectures) };
        graph.Input.Add(members[0].Model.Graph.Input[0].Clone());
        var memberLogits = new List<string>();
        for (int index = 0; index < members.Count; index++)
        {
            memberLogits.AddRange(AddMember(graph, members[index].Model.Graph, $"m{index}/"));
        }

        var mean = new NodeProto { Name = MeanNodeName, OpType = "Mean", Output = { FaceInputContract.LogitsName } };
        mean.Input.AddRange(memberLogits.Where((_, i) => !left.Contains(i)));
        graph.Node.Add(mean);
        graph.Node.Add(new NodeProto
        {
            Name = "ensemble/softmax",
            OpType = "Softmax",
            Input = { FaceInputContract.LogitsName },
            Output = { FaceInputContract.OutputName },
            Attribute = { new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 } },
        });
        graph.Output.Add(Output(members[0].Model.Graph, FaceInputContract.OutputName).Clone());
        graph.Output.Add(Output(members[0].Model.Graph, FaceInputContract.LogitsName).Clone());
        RemoveUnused(graph);

        var ensemble = new ModelProto
        {
            IrVersion = members.Max(m => m.Model.IrVersion),
            ProducerName = OnnxExporter.ProducerName,
            ProducerVersion = members[0].Model.ProducerVersion,
            DocString = $"FerNet ensemble of {architectures.Count} facial-expression classifiers ({string.Join(", ", architectures)}): a 48x48 grayscale face (pixel/255) to probabilities of {string.Join(", ", EmotionLabels.Names)}, the softmax of the members' mean logits.",
            Graph = graph,
        };
        ensemble.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        OnnxExporter.AddMetadata(ensemble, OnnxExporter.ContractMetadata(graph.Name));
        return ensemble;
    }

    /// <summary>The metadata value <paramref name="key"/> of <paramref name="model"/>, or null.</summary>
    public static string? Metadata(ModelProto model, string key) =>
        model.MetadataProps.FirstOrDefault(p => p.Key == key)?.Value;

    /// <summary>The architectures of the single models in <paramref name="model"/>: its own, or its members' when it is an ensemble.</summary>
    private static IEnumerable<string> LeafArchitectures(ModelProto model)
    {
        string architecture = Metadata(model, ModelMetadataKeys.Architecture) ?? "unknown";
        return MeanNode(model.Graph) is not null && architecture.StartsWith(ArchitecturePrefix, StringComparison.Ordinal) && architecture.EndsWith(')')
            ? architecture[ArchitecturePrefix.Length..^1].Split(',')
            : [architecture];
    }

    /// <summary>The node of an ensemble that averages its members' logits; null in a single model.</summary>
    private static NodeProto? MeanNode(GraphProto graph) =>
        graph.Node.FirstOrDefault(n => n.Name == MeanNodeName && n.OpType == "Mean" && n.Output.Count == 1 && n.Output[0] == FaceInputContract.LogitsName);

    /// <summary>Adds <paramref name="member"/>'s nodes under <paramref name="prefix"/>; returns the logits it contributes to the mean, one per single model.</summary>
    private static IReadOnlyList<string> AddMember(GraphProto ensemble, GraphProto member, string prefix)
    {
        string Rename(string name) => name.Length == 0 || name == FaceInputContract.InputName ? name : prefix + name;
        NodeProto? innerMean = MeanNode(member);

        foreach (TensorProto initializer in member.Initializer)
        {
            TensorProto renamed = initializer.Clone();
            renamed.Name = Rename(initializer.Name);
            ensemble.Initializer.Add(renamed);
        }

        foreach (NodeProto node in member.Node.Where(n => !n.Output.Contains(FaceInputContract.OutputName) && n != innerMean))
        {
            NodeProto renamed = node.Clone();
            renamed.Name = prefix + node.Name;
            for (int i = 0; i < renamed.Input.Count; i++)
            {
                renamed.Input[i] = Rename(renamed.Input[i]);
            }

            for (int i = 0; i < renamed.Output.Count; i++)
            {
                renamed.Output[i] = Rename(renamed.Output[i]);
            }

            ensemble.Node.Add(renamed);
        }

        foreach (ValueInfoProto value in member.ValueInfo)
        {
            ValueInfoProto renamed = value.Clone();
            renamed.Name = Rename(value.Name);
            ensemble.ValueInfo.Add(renamed);
        }

        return innerMean is null ? [Rename(FaceInputContract.LogitsName)] : [.. innerMean.Input.Select(Rename)];
    }

    /// <summary>
    /// Drops the nodes, initializers and value descriptions that no graph output depends on: those of
    /// the single models left out of the mean.
    /// </summary>
    private static void RemoveUnused(GraphProto graph)
    {
        var needed = new HashSet<string>(graph.Output.Select(o => o.Name), StringComparer.Ordinal);
        var kept = new List<NodeProto>();
        // Nodes are in topological order, so walking them backwards sees every consumer before its producers.
        foreach (NodeProto node in graph.Node.Reverse())
        {
            if (node.Output.Any(needed.Contains))
            {
                kept.Add(node);
                needed.UnionWith(node.Input);
            }
        }

        kept.Reverse();
        List<TensorProto> initializers = [.. graph.Initializer.Where(t => needed.Contains(t.Name))];
        List<ValueInfoProto> values = [.. graph.ValueInfo.Where(v => needed.Contains(v.Name))];
        graph.Node.Clear();
        graph.Node.AddRange(kept);
        graph.Initializer.Clear();
        graph.Initializer.AddRange(initializers);
        graph.ValueInfo.Clear();
        graph.ValueInfo.AddRange(values);
    }

    private static void CheckMember(ModelProto model, string path)
    {
        GraphProto? graph = model.Graph;
        if (graph is null || graph.Input.Count != 1 || graph.Input[0].Name != FaceInputContract.InputName)
        {
            throw new InvalidModelException(
                $"Ensemble member {path} has inputs [{string.Join(", ", graph?.Input.Select(i => i.Name) ?? [])}]; a FerNet model has exactly one, named '{FaceInputContract.InputName}'.");
        }

        foreach (string output in new[] { FaceInputContract.OutputName, FaceInputContract.LogitsName })
        {
            if (graph.Output.All(o => o.Name != output))
            {
                throw new InvalidModelException(
                    $"Ensemble member {path} has outputs [{string.Join(", ", graph.Output.Select(o => o.Name))}]; an ensemble averages members' '{FaceInputContract.LogitsName}' and replaces their '{FaceInputContract.OutputName}', so each needs both.");
            }
        }

        string labels = string.Join(',', EmotionLabels.Names);
        if (Metadata(model, ModelMetadataKeys.Labels) is var memberLabels && memberLabels != labels)
        {
            throw new InvalidModelException(
                $"Ensemble member {path} has '{ModelMetadataKeys.Labels}' = '{memberLabels ?? "(none)"}'; averaging logits position by position needs every member in FerNet's order, '{labels}'.");
        }

        if (graph.Node.SelectMany(n => n.Attribute).Any(a => a.G is not null || a.Graphs.Count > 0) || graph.SparseInitializer.Count > 0)
        {
            throw new InvalidModelException($"Ensemble member {path} has subgraphs or sparse initializers, which FerNet's models never have; export it with FerNet.");
        }

        if (model.OpsetImport.All(o => o.Domain.Length != 0))
        {
            throw new InvalidModelException($"Ensemble member {path} imports no default-domain opset.");
        }
    }

    private static long DefaultOpset(ModelProto model) => model.OpsetImport.First(o => o.Domain.Length == 0).Version;

    private static ValueInfoProto Output(GraphProto graph, string name) => graph.Output.First(o => o.Name == name);
}
