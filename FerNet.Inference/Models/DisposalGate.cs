namespace FerNet.Inference.Models;

/// <summary>
/// Lets calls into an object run until it is closed, and makes closing wait for the calls already
/// running: ONNX Runtime crashes the process when a session is released under a running Run, so
/// <see cref="EmotionModel.Dispose"/> must not free it while another thread scores.
/// </summary>
internal sealed class DisposalGate
{
    private readonly object _gate = new();
    private readonly string _ownerName;
    private int _callsInFlight;
    private int _closed;

    /// <param name="ownerName">The type name an <see cref="ObjectDisposedException"/> names.</param>
    public DisposalGate(string ownerName)
    {
        _ownerName = ownerName;
    }

    /// <summary>Runs <paramref name="call"/> unless the gate is closed.</summary>
    /// <exception cref="ObjectDisposedException">The gate was closed before the call began.</exception>
    public TResult Run<TResult>(Func<TResult> call)
    {
        Enter();
        try
        {
            return call();
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Closes the gate and waits until no call is running.
    /// </summary>
    /// <returns>True the first time; false when the gate was already closed, and nothing was waited for.</returns>
    public bool Close()
    {
        // Interlocked, not a volatile write: the read of _callsInFlight below must not move before it.
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return false;
        }

        lock (_gate)
        {
            while (Volatile.Read(ref _callsInFlight) > 0)
            {
                Monitor.Wait(_gate);
            }
        }

        return true;
    }

    private void Enter()
    {
        Interlocked.Increment(ref _callsInFlight);
        if (Volatile.Read(ref _closed) == 1)
        {
            Exit();
            throw new ObjectDisposedException(_ownerName);
        }
    }

    private void Exit()
    {
        if (Interlocked.Decrement(ref _callsInFlight) == 0 && Volatile.Read(ref _closed) == 1)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }
}
