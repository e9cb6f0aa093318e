using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FerNet.Training.Models;

/// <summary>
/// The forward pass in bfloat16 (see <see cref="FerModel.TrainInBFloat16"/>): convolutions and dense
/// layers cast their float32 parameters per call, so gradients reach the float32 weights; the
/// upscaling interpolates in float32, bfloat16 having no bilinear kernel on every libtorch CPU build;
/// every other layer runs on the bfloat16 values as they are.
/// </summary>
internal sealed class BFloat16Forward : TensorForward
{
    /// <inheritdoc/>
    public override Tensor Layer(string name, nn.Module layer, Tensor input) => layer switch
    {
        Conv2d conv => nn.functional.conv2d(input, conv.weight!.to(ScalarType.BFloat16), conv.bias?.to(ScalarType.BFloat16), conv.stride, conv.padding, conv.dilation, conv.groups),
        Linear linear => nn.functional.linear(input, linear.weight!.to(ScalarType.BFloat16), linear.bias?.to(ScalarType.BFloat16)),
        BilinearUpscale upscale => upscale.forward(input.to(ScalarType.Float32)).to(ScalarType.BFloat16),
        _ => base.Layer(name, layer, input),
    };
}
