using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>
/// FerNet's own architecture for 48x48 faces on a CPU budget: four VGG stages of two 3x3
/// convolutions with BatchNorm and ReLU (32, 64, 128, 256 channels) and 2x2 max-pooling, then global
/// average pooling and one linear layer. Global pooling replaces the seed's 8,000x1,024 dense layer,
/// which held 93 % of its parameters, so the model has 1.2 M parameters at about the seed's
/// multiply-add cost.
/// </summary>
internal static class FerVgg
{
    /// <summary>The catalogue name.</summary>
    public const string Name = "fer-vgg";

    private static readonly int[] StageChannels = [32, 64, 128, 256];

    public static FerModel Create(double dropout = 0.3)
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

        layers.Add(("gap", nn.AdaptiveAvgPool2d(1)));
        layers.Add(("flatten", nn.Flatten()));
        layers.Add(("dropout", nn.Dropout(dropout)));
        layers.Add(("fc", nn.Linear(inChannels, 7)));

        var model = new FerModel(Name, layers, []);
        foreach ((string name, nn.Module layer) in model.Layers)
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
