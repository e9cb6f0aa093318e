using FerNet.Training.Models;
using static TorchSharp.torch;

namespace FerNet.Training.Runs;

/// <summary>
/// An exponential moving average of a model's weights and BatchNorm statistics, a second model that
/// after every step moves a share 1 − decay of the way towards the trained one. Averaging over the last
/// ~1/(1 − decay) steps smooths the noise of SGD's final iterates.
/// </summary>
internal sealed class WeightAverage : IDisposable
{
    private readonly FerModel _average;
    private readonly double _decay;

    /// <summary>Starts the average at <paramref name="model"/>'s current weights.</summary>
    public WeightAverage(FerModel model, double decay)
    {
        _decay = decay;
        _average = ModelCatalog.Create(model.Architecture);
        _average.eval();
        using (no_grad())
        {
            foreach ((Tensor average, Tensor trained) in Pairs(model))
            {
                average.copy_(trained);
            }
        }
    }

    /// <summary>The averaged model, in eval mode.</summary>
    public FerModel Model => _average;

    /// <summary>Moves the average towards <paramref name="model"/> after a step.</summary>
    public void Update(FerModel model)
    {
        using (no_grad())
        {
            foreach ((Tensor average, Tensor trained) in Pairs(model))
            {
                if (average.is_floating_point())
                {
                    average.mul_(_decay).add_(trained, alpha: 1 - _decay);
                }
                else
                {
                    average.copy_(trained);
                }
            }
        }
    }

    public void Dispose() => _average.Dispose();

    private IEnumerable<(Tensor Average, Tensor Trained)> Pairs(FerModel model) =>
        _average.parameters().Select(p => (Tensor)p).Zip(model.parameters().Select(p => (Tensor)p))
            .Concat(_average.buffers().Zip(model.buffers()));
}
