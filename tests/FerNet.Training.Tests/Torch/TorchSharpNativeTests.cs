using static TorchSharp.torch;

namespace FerNet.Training.Tests.Torch;

/// <summary>
/// TorchSharp's native library loads on this machine (on Debian 12 only after the build marks its
/// GLIBCXX_3.4.32 requirement weak) and computes a forward and a backward pass.
/// </summary>
public sealed class TorchSharpNativeTests
{
    [Fact]
    public void ForwardAndBackwardPassesCompute()
    {
        using Tensor x = tensor(new[] { 1f, -2f, 3f }, requires_grad: true);
        using Tensor y = (x * x).sum();

        y.backward();

        Assert.Equal(14f, y.item<float>());
        Assert.Equal(new[] { 2f, -4f, 6f }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void ConvolutionRunsOnTheCpuBackend()
    {
        using var conv = nn.Conv2d(1, 2, 3, padding: 1);
        using Tensor output = conv.forward(ones(1, 1, 48, 48));

        Assert.Equal([1L, 2, 48, 48], output.shape);
    }
}
