using FerNet.Training.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace FerNet.Training.Tests.Torch;

/// <summary>
/// libtorch's convolutions against a double-precision reference: at shapes the seed CNN uses, for
/// which oneDNN's AVX code is wrong on AMD family 26 unless <see cref="OneDnnIsaLimit"/> applies, and
/// at fer-vgg's shapes, which its AVX-512 code computes right there (run with
/// <c>DNNL_MAX_CPU_ISA=AVX512_CORE_AMX</c> to see both).
/// </summary>
public sealed class OneDnnConvolutionTests
{
    private static readonly (int In, int Out, int Side, int Padding, int Batch)[] Shapes =
    [
        (20, 40, 24, 1, 4), (40, 80, 24, 0, 1), (40, 80, 24, 0, 4), (10, 20, 48, 1, 4),
        (1, 32, 48, 1, 8), (32, 32, 48, 1, 4), (64, 128, 12, 1, 16), (256, 256, 6, 1, 16),
    ];

    /// <summary>Each shape with its input in libtorch's default layout and laid out channels-last, as <c>train --channels-last</c> does.</summary>
    public static TheoryData<int, int, int, int, int, bool> Convolutions()
    {
        var data = new TheoryData<int, int, int, int, int, bool>();
        foreach (bool channelsLast in new[] { false, true })
        {
            foreach ((int inChannels, int outChannels, int side, int padding, int batch) in Shapes)
            {
                data.Add(inChannels, outChannels, side, padding, batch, channelsLast);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void A_convolution_matches_its_definition(int inChannels, int outChannels, int side, int padding, int batch, bool channelsLast)
    {
        using IDisposable scope = NewDisposeScope();
        var generator = new Generator(7);
        Tensor input = randn([batch, inChannels, side, side], generator: generator);
        Tensor weight = randn([outChannels, inChannels, 3, 3], generator: generator);
        Tensor convolved = nn.functional.conv2d(channelsLast ? ChannelsLastLayout.Copy(input) : input, weight, padding: [padding, padding]);
        Assert.Equal(channelsLast, ChannelsLastLayout.IsChannelsLast(convolved) && !convolved.is_contiguous());
        float[] output = convolved.contiguous().data<float>().ToArray();
        float[] x = input.data<float>().ToArray();
        float[] w = weight.data<float>().ToArray();

        int outSide = side + (2 * padding) - 2;
        double worst = 0;
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outChannels; o++)
            {
                for (int row = 0; row < outSide; row++)
                {
                    for (int column = 0; column < outSide; column++)
                    {
                        double sum = 0;
                        for (int i = 0; i < inChannels; i++)
                        {
                            for (int kr = 0; kr < 3; kr++)
                            {
                                for (int kc = 0; kc < 3; kc++)
                                {
                                    int r = row + kr - padding, c = column + kc - padding;
                                    if (r >= 0 && c >= 0 && r < side && c < side)
                                    {
                                        sum += (double)w[(((o * inChannels) + i) * 9) + (kr * 3) + kc] * x[(((n * inChannels) + i) * side * side) + (r * side) + c];
                                    }
                                }
                            }
                        }

                        worst = Math.Max(worst, Math.Abs(sum - output[(((n * outChannels) + o) * outSide * outSide) + (row * outSide) + column]));
                    }
                }
            }
        }

        Assert.True(worst < 1e-3, $"conv {inChannels}->{outChannels} over {side}x{side} (padding {padding}, batch {batch}) is off by {worst} ({(channelsLast ? "channels-last" : "NCHW")} input, DNNL_MAX_CPU_ISA={Environment.GetEnvironmentVariable(OneDnnIsaLimit.Variable) ?? "unset"}).");
    }

    [Theory]
    [InlineData("AuthenticAMD", 26, true)]
    [InlineData("AuthenticAMD", 25, false)]
    [InlineData("GenuineIntel", 6, false)]
    public void The_limit_applies_to_AMD_family_26_and_later(string vendor, int family, bool expected)
    {
        string[] cpuInfo = ["processor\t: 0", $"vendor_id\t: {vendor}", $"cpu family\t: {family}", "model\t\t: 2", "processor\t: 1", "vendor_id\t: other", "cpu family\t: 99"];

        Assert.Equal(expected, OneDnnIsaLimit.NeedsLimit(cpuInfo));
    }
}
