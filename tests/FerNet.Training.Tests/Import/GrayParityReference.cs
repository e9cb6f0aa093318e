using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using FerNet.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Import;

/// <summary>
/// Runs a CNTK ResNet18 file in ONNX Runtime, three channels as it was made, on a gray face replicated
/// to three channels in 0–255 with each channel's mean subtracted, and the imported gray
/// <see cref="ResNet18"/> model on the same face, both up to the last block's output (before pooling).
/// </summary>
/// <remarks>
/// The original network subtracts the means before its stem pads with zeros; the gray network's
/// folded means act as if after (see <see cref="Training.Import.ImageNetResNetImport"/>). The
/// reference therefore pads explicitly, [3, 3, 2, 2] as the file does, before subtracting, and runs
/// the stem without padding: the same arithmetic as the file's inside the image, and the gray
/// network's at the border.
/// </remarks>
internal static class GrayParityReference
{
    /// <summary>The original network's last block output and the gray model's, for <paramref name="faces"/> ([N, 1, 48, 48] pixel/255).</summary>
    public static (float[] Reference, float[] Gray) Features(string packageFile, float[] channelMeans, FerModel gray, Tensor faces)
    {
        gray.eval();
        using var scope = NewDisposeScope();
        Tensor x = faces;
        Tensor upscaled = faces;
        using (no_grad())
        {
            foreach ((string name, nn.Module layer) in gray.Layers.TakeWhile(l => l.Name != "gap"))
            {
                x = ((nn.Module<Tensor, Tensor>)layer).forward(x);
                if (name == "upscale")
                {
                    upscaled = x;
                }
            }
        }

        Tensor padded = nn.functional.pad(upscaled * 255, [3, 2, 3, 2]).expand(-1, 3, -1, -1)
            - tensor(channelMeans).reshape(1, 3, 1, 1);
        padded = padded.contiguous();
        float[] reference = Run(packageFile, padded);
        return (reference, x.contiguous().data<float>().ToArray());
    }

    /// <summary>The largest difference between <paramref name="a"/> and <paramref name="b"/>, relative to <paramref name="b"/>'s largest magnitude.</summary>
    public static double RelativeDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double scale = b.Max(v => Math.Abs((double)v));
        return a.Zip(b, (p, q) => Math.Abs((double)p - q)).Max() / scale;
    }

    private static float[] Run(string packageFile, Tensor input)
    {
        ModelProto model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(packageFile));
        GraphProto graph = model.Graph;
        NodeProto pool = graph.Node.Single(n => n.OpType is "AveragePool" or "GlobalAveragePool");
        string features = pool.Input[0];
        graph.Node.Remove(pool);
        graph.Output.Clear();
        graph.Output.Add(new ValueInfoProto { Name = features, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });

        ValueInfoProto inputInfo = graph.Input.Single(i => !graph.Initializer.Any(t => t.Name == i.Name));
        inputInfo.Type.TensorType.Shape.Dim.Clear();
        inputInfo.Type.TensorType.Shape.Dim.AddRange(input.shape.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        AttributeProto pads = graph.Node.First(n => n.OpType == "Conv" && n.Input[0] == inputInfo.Name).Attribute.Single(a => a.Name == "pads");
        pads.Ints.Clear();
        pads.Ints.AddRange([0, 0, 0, 0]);

        using var session = new InferenceSession(model.ToByteArray());
        float[] values = input.data<float>().ToArray();
        using OrtValue value = OrtValue.CreateTensorValueFromMemory(values, input.shape);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, [inputInfo.Name], [value], [features]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
