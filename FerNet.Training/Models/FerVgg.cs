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
/// <see cref="FiveStageName"/> adds a fifth stage of two 512-channel convolutions on the 3x3 map
/// before pooling: four times the parameters for 27 % more multiply-adds, the extra capacity placed
/// where it is cheapest, and the first four stages named as <see cref="Name"/>'s, so that a trained
/// fer-vgg can start one (<see cref="Grows"/>).
/// </summary>
internal static class FerVgg
{
    /// <summary>The catalogue name of the global-pooling model.</summary>
    public const string Name = "fer-vgg";

    /// <summary>The catalogue name of the dense-head model.</summary>
    public const string DenseHeadName = "fer-vgg-dense";

    /// <summary>The catalogue name of the five-stage global-pooling model.</summary>
    public const string FiveStageName = "fer-vgg5";

    private const int DenseUnits = 1024;

    private const int FifthStageChannels = 512;

    private static readonly int[] StageChannels = [32, 64, 128, 256];

    /// <summary>The global-pooling model.</summary>
    public static FerModel Create()
    {
        // The head is built before the stages, as it always was: the order in which layers draw
        // their initial weights decides what a seed gives.
        var head = PooledHead(StageChannels[^1]);
        return Initialise(new FerModel(Name, [.. Stages(), .. head], []));
    }

    /// <summary>The five-stage global-pooling model.</summary>
    public static FerModel CreateFiveStage()
    {
        var layers = Stages();
        for (int conv = 1; conv <= 2; conv++)
        {
            long inChannels = conv == 1 ? StageChannels[^1] : FifthStageChannels;
            layers.Add(($"conv_s5c{conv}", nn.Conv2d(inChannels, FifthStageChannels, kernel_size: 3, padding: 1, bias: false)));
            layers.Add(($"bn_s5c{conv}", nn.BatchNorm2d(FifthStageChannels)));
            layers.Add(($"relu_s5c{conv}", nn.ReLU()));
        }

        layers.AddRange(PooledHead(FifthStageChannels));
        return Initialise(new FerModel(FiveStageName, layers, []));
    }

    /// <summary>
    /// Whether a model of <paramref name="architecture"/> can start from the trained weights of
    /// <paramref name="source"/>: every convolution and BatchNorm of the source has a layer of the
    /// same name and shape in it, the rest starting fresh.
    /// </summary>
    public static bool Grows(string architecture, string source) => architecture == FiveStageName && source == Name;

    private static (string, nn.Module<Tensor, Tensor>)[] PooledHead(int channels) =>
    [
        ("gap", nn.AdaptiveAvgPool2d(1)),
        ("flatten", nn.Flatten()),
        ("dropout", nn.Dropout(0.3)),
        ("fc", nn.Linear(channels, 7)),
    ];

    /// <summary>The dense-head model.</summary>
    public static FerModel CreateWithDenseHead()
    {
        // Four 2x2 poolings take 48 to 3.
        const int side = 48 >> 4;
        (string, nn.Module<Tensor, Tensor>)[] head =
        [
            ("flatten", nn.Flatten()),
            ("fc1", nn.Linear(StageChannels[^1] * side * side, DenseUnits)),
            ("relu_fc1", nn.ReLU()),
            ("dropout", nn.Dropout(0.5)),
            ("fc2", nn.Linear(DenseUnits, 7)),
        ];
        return Initialise(new FerModel(DenseHeadName, [.. Stages(), .. head], []));
    }

    /// <summary>The four VGG stages, each ending in a 2x2 max-pooling.</summary>
    private static List<(string, nn.Module<Tensor, Tensor>)> Stages()
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

        return layers;
    }

    private static FerModel Initialise(FerModel model)
    {
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
