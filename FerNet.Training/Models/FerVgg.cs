using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>
/// FerNet's own architectures for 48x48 faces on a CPU budget: four VGG stages of two 3x3
/// convolutions with BatchNorm and ReLU (32, 64, 128, 256 channels) and 2x2 max-pooling, then one
/// of two heads. <see cref="Name"/> pools globally and has one linear layer: 1.2 M parameters at
/// about the seed's multiply-add cost, the seed's 8,000x1,024 dense layer (93 % of its parameters)
/// being gone. <see cref="DenseHeadName"/> keeps the 3x3 map's layout (where the eyes and mouth
/// are, in an aligned face) and classifies it through a 1,024-unit dense layer: 2.4 M more
/// parameters for 2 % more multiply-adds, for when the pooled model has too little capacity.
/// </summary>
internal static class FerVgg
{
    /// <summary>The catalogue name of the global-pooling model.</summary>
    public const string Name = "fer-vgg";

    /// <summary>The catalogue name of the dense-head model.</summary>
    public const string DenseHeadName = "fer-vgg-dense";

    private const int DenseUnits = 1024;

    private static readonly int[] StageChannels = [32, 64, 128, 256];

    /// <summary>The global-pooling model.</summary>
    public static FerModel Create() => Build(
        Name,
        [
            ("gap", nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()),
            ("dropout", nn.Dropout(0.3)),
            ("fc", nn.Linear(StageChannels[^1], 7)),
        ]);

    /// <summary>The dense-head model.</summary>
    public static FerModel CreateWithDenseHead()
    {
        // Four 2x2 poolings take 48 to 3.
        const int side = 48 >> 4;
        return Build(
            DenseHeadName,
            [
                ("flatten", nn.Flatten()),
                ("fc1", nn.Linear(StageChannels[^1] * side * side, DenseUnits)),
                ("relu_fc1", nn.ReLU()),
                ("dropout", nn.Dropout(0.5)),
                ("fc2", nn.Linear(DenseUnits, 7)),
            ]);
    }

    private static FerModel Build(string name, IEnumerable<(string, nn.Module<Tensor, Tensor>)> head)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long inChannels = 1;
        for (int stage = 0; stage < StageChannels.Length; stage++)
        {
            for (int conv = 1; conv <= 2; conv++)
            {
                string id = $"s{stage + 1}c{conv}";
                layers.Add(($"conv_{id}", nn.Conv2d(inChannels, StageChannels[stage], kernel_size: 3, padding: 1, bias: false)));
                layers.Add(($"bn_{id}", nn.BatchNorm2d(StageChannels[stage])));
                layers.Add(($"relu_{id}", nn.ReLU()));
                inChannels = StageChannels[stage];
            }

            layers.Add(($"pool_s{stage + 1}", nn.MaxPool2d(2)));
        }

        layers.AddRange(head);
        var model = new FerModel(name, layers, []);
        foreach ((string _, nn.Module layer) in model.Layers)
        {
            if (layer is TorchSharp.Modules.Conv2d conv)
            {
                using (no_grad())
                {
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                }
            }
        }

        return model;
    }
}
