using System.Collections.Concurrent;
using Microsoft.ML;

namespace FerNet.Inference.Pipeline;

/// <summary>
/// ML.NET's <see cref="PredictionEngine{TSrc, TDst}"/> keeps per-call buffers and is not
/// thread-safe, while the transformer behind it is. Each call takes an idle engine or makes a new
/// one, so there are never more engines than calls that ran at the same time.
/// </summary>
internal sealed class PredictionEnginePool<TInput, TOutput> : IDisposable
    where TInput : class
    where TOutput : class, new()
{
    private readonly MLContext _mlContext;
    private readonly ITransformer _transformer;
    private readonly ConcurrentBag<PredictionEngine<TInput, TOutput>> _idle = [];
    private volatile bool _disposed;

    public PredictionEnginePool(MLContext mlContext, ITransformer transformer)
    {
        _mlContext = mlContext;
        _transformer = transformer;
        _idle.Add(CreateEngine());
    }

    public TOutput Predict(TInput input)
    {
        if (!_idle.TryTake(out PredictionEngine<TInput, TOutput>? engine))
        {
            engine = CreateEngine();
        }

        try
        {
            return engine.Predict(input);
        }
        finally
        {
            Return(engine);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out PredictionEngine<TInput, TOutput>? engine))
        {
            engine.Dispose();
        }
    }

    private PredictionEngine<TInput, TOutput> CreateEngine() => _mlContext.Model.CreatePredictionEngine<TInput, TOutput>(_transformer);

    private void Return(PredictionEngine<TInput, TOutput> engine)
    {
        _idle.Add(engine);
        if (_disposed && _idle.TryTake(out PredictionEngine<TInput, TOutput>? late))
        {
            late.Dispose();
        }
    }
}
