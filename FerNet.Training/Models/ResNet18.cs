using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>
/// The ResNet18 of Microsoft's CNTK model zoo, in the layout of the ImageNet weights that the
/// <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package ships (see <see cref="Import.ImageNetResNetImport"/>):
/// a 7x7 stride-2 stem with BatchNorm, ReLU and a 3x3 stride-2 max-pool, then four stages of 2, 2,
/// 2 and 3 basic blocks (two 3x3 convolutions with BatchNorm, epsilon 1e-5) at 64, 128, 256 and 512
/// channels, the first block of stages 2–4 halving the map with stride 2 and a 1x1 convolution and
/// BatchNorm on its shortcut; then global average pooling and one linear layer. The stem takes one
/// channel, and the network first upscales the 48x48 face bilinearly to <see cref="InputSide"/>
/// pixels, so it keeps FerNet's input contract while its maps keep the sizes it was trained on
/// relative to a face. <see cref="ThreeStageName"/> stops after the third stage: a sixth of the
/// parameters for two thirds of the multiply-adds. <see cref="NativeInputName"/> is the full network
/// on the 48x48 face without upscaling: its maps are three quarters as wide (the last stage's
/// as wide, 2x2), for 71 % of the multiply-adds.
/// </summary>
internal static class ResNet18
{
    /// <summary>The catalogue name of the full network.</summary>
    public const string Name = "resnet18";

    /// <summary>The catalogue name of the network truncated after its third stage.</summary>
    public const string ThreeStageName = "resnet18-l3";

    /// <summary>The catalogue name of the full network fed the 48x48 face as it is.</summary>
    public const string NativeInputName = "resnet18-48";

    /// <summary>The side, in pixels, the 48x48 face is upscaled to before the stem.</summary>
    public const long InputSide = 64;

    private const int StemChannels = 64;

    private static readonly int[] StageChannels = [64, 128, 256, 512];

    private static readonly int[] StageBlocks = [2, 2, 2, 3];

    /// <summary>The full network.</summary>
    public static FerModel Create() => Build(Name, StageChannels.Length, upscale: true);

    /// <summary>The network truncated after its third stage.</summary>
    public static FerModel CreateThreeStage() => Build(ThreeStageName, 3, upscale: true);

    /// <summary>The full network without the upscale.</summary>
    public static FerModel CreateNativeInput() => Build(NativeInputName, StageChannels.Length, upscale: false);

    /// <summary>Whether <paramref name="architecture"/> is one of this network's catalogue names.</summary>
    public static bool IsArchitecture(string architecture) => architecture is Name or ThreeStageName or NativeInputName;

    /// <summary>
    /// The layer paths of the convolutions and BatchNorms of one block, in the order of the
    /// block's computation: main path first, then the shortcut's (absent in identity blocks).
    /// </summary>
    internal static (string Conv, string Norm)[] BlockPairs(bool projects) =>
        projects ? [("conv1", "bn1"), ("conv2", "bn2"), ("shortcut_conv", "shortcut_bn")] : [("conv1", "bn1"), ("conv2", "bn2")];

    /// <summary>The block names of a network of <paramref name="stages"/> stages, in forward order.</summary>
    internal static IEnumerable<string> BlockNames(int stages) =>
        Enumerable.Range(0, stages).SelectMany(stage => Enumerable.Range(0, StageBlocks[stage]).Select(block => BlockName(stage, block)));

    private static string BlockName(int stage, int block) => $"layer{stage + 1}_{block}";

    private static FerModel Build(string name, int stages, bool upscale)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        if (upscale)
        {
            layers.Add(("upscale", new BilinearUpscale(InputSide)));
        }

        layers.AddRange(
        [
            ("conv1", nn.Conv2d(1, StemChannels, kernel_size: 7, stride: 2, padding: 3, bias: false)),
            ("bn1", nn.BatchNorm2d(StemChannels)),
            ("relu1", nn.ReLU()),
            ("pool1", nn.MaxPool2d(kernel_size: 3, stride: 2, padding: 1)),
        ]);
        long inChannels = StemChannels;
        for (int stage = 0; stage < stages; stage++)
        {
            for (int block = 0; block < StageBlocks[stage]; block++)
            {
                long stride = stage > 0 && block == 0 ? 2 : 1;
                layers.Add((BlockName(stage, block), BasicBlock(BlockName(stage, block), inChannels, StageChannels[stage], stride)));
                inChannels = StageChannels[stage];
            }
        }

        layers.Add(("gap", nn.AdaptiveAvgPool2d(1)));
        layers.Add(("flatten", nn.Flatten()));
        layers.Add(("fc", nn.Linear(inChannels, 7)));
        var model = new FerModel(name, layers, []);
        foreach (var conv in model.modules().OfType<TorchSharp.Modules.Conv2d>())
        {
            using (no_grad())
            {
                nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
            }
        }

        return model;
    }

    private static ResidualBlock BasicBlock(string name, long inChannels, long outChannels, long stride)
    {
        (string, nn.Module<Tensor, Tensor>)[] main =
        [
            ("conv1", nn.Conv2d(inChannels, outChannels, kernel_size: 3, stride: stride, padding: 1, bias: false)),
            ("bn1", nn.BatchNorm2d(outChannels)),
            ("relu1", nn.ReLU()),
            ("conv2", nn.Conv2d(outChannels, outChannels, kernel_size: 3, padding: 1, bias: false)),
            ("bn2", nn.BatchNorm2d(outChannels)),
        ];
        (string, nn.Module<Tensor, Tensor>)[] shortcut = stride == 1 && inChannels == outChannels ? [] :
        [
            ("shortcut_conv", nn.Conv2d(inChannels, outChannels, kernel_size: 1, stride: stride, bias: false)),
            ("shortcut_bn", nn.BatchNorm2d(outChannels)),
        ];
        return new ResidualBlock(name, main, shortcut);
    }
}
