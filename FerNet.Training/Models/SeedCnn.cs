using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>
/// The seed model: the 6-convolution Keras CNN that reached 66.95 % on FER2013, rebuilt layer for
/// layer (8,815,559 trainable parameters). Keras defaults are kept where they differ from PyTorch's:
/// Glorot-uniform kernels with zero biases, BatchNorm momentum 0.99 (PyTorch 0.01) and epsilon 1e-3.
/// The only deliberate difference is channels-first layout, which changes the order in which the
/// 5x5x320 block is flattened but not what the network can learn.
/// </summary>
internal static class SeedCnn
{
    /// <summary>The catalogue name.</summary>
    public const string Name = "seed-cnn";

    public static FerModel Create()
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("conv1", Conv(1, 10, padding: 1)),
            ("relu1", nn.ReLU()),
            ("conv2", Conv(10, 20, padding: 1)),
            ("relu2", nn.ReLU()),
            ("bn2", KerasBatchNorm(20)),
            ("pool2", nn.MaxPool2d(2)),
            ("drop2", nn.Dropout(0.25)),
            ("conv3", Conv(20, 40, padding: 1)),
            ("relu3", nn.ReLU()),
            ("conv4", Conv(40, 80, padding: 0)),
            ("relu4", nn.ReLU()),
            ("bn4", KerasBatchNorm(80)),
            ("pool4", nn.MaxPool2d(2)),
            ("drop4", nn.Dropout(0.25)),
            ("conv5", Conv(80, 160, padding: 1)),
            ("relu5", nn.ReLU()),
            ("conv6", Conv(160, 320, padding: 1)),
            ("relu6", nn.ReLU()),
            ("bn6", KerasBatchNorm(320)),
            ("pool6", nn.MaxPool2d(2)),
            ("drop6", nn.Dropout(0.25)),
            ("flatten", nn.Flatten()),
            ("fc1", Dense(5 * 5 * 320, 1024)),
            ("relu_fc1", nn.ReLU()),
            ("drop_fc1", nn.Dropout(0.5)),
            ("fc2", Dense(1024, 7)),
        };

        return new FerModel(Name, layers, [("conv3", 0.01), ("conv4", 0.01), ("conv5", 0.02), ("conv6", 0.02)]);
    }

    private static nn.Module<Tensor, Tensor> Conv(long inChannels, long outChannels, long padding)
    {
        var conv = nn.Conv2d(inChannels, outChannels, kernel_size: 3, padding: padding);
        using (no_grad())
        {
            nn.init.xavier_uniform_(conv.weight);
            nn.init.zeros_(conv.bias);
        }

        return conv;
    }

    private static nn.Module<Tensor, Tensor> Dense(long inFeatures, long outFeatures)
    {
        var linear = nn.Linear(inFeatures, outFeatures);
        using (no_grad())
        {
            nn.init.xavier_uniform_(linear.weight);
            nn.init.zeros_(linear.bias);
        }

        return linear;
    }

    private static nn.Module<Tensor, Tensor> KerasBatchNorm(long features) => nn.BatchNorm2d(features, eps: 1e-3, momentum: 0.01);
}
