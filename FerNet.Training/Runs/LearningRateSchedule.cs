namespace FerNet.Training.Runs;

/// <summary>
/// The learning rate for every optimiser step. Its only state is the plateau bookkeeping, which is
/// saved in checkpoints so that a resumed run follows the same schedule.
/// </summary>
internal sealed class LearningRateSchedule
{
    private readonly TrainingOptions _options;
    private readonly long _totalSteps;

    /// <summary>Creates the schedule of <paramref name="options"/> for a run of <paramref name="totalSteps"/> steps.</summary>
    public LearningRateSchedule(TrainingOptions options, long totalSteps, PlateauState? state = null)
    {
        _options = options;
        _totalSteps = Math.Max(1, totalSteps);
        State = state ?? new PlateauState(1.0, double.NegativeInfinity, 0);
    }

    /// <summary>Plateau bookkeeping: current multiplier, best validation accuracy, epochs without improvement.</summary>
    public PlateauState State { get; private set; }

    /// <summary>The rate for 0-based optimiser step <paramref name="step"/>.</summary>
    public double RateAt(long step)
    {
        if (_options.Schedule == LearningRateScheduleKind.OneCycle)
        {
            // Linear warm-up from a 25th of the peak, then half a cosine down to zero.
            long warmup = Math.Max(1, (long)(_totalSteps * _options.WarmupFraction));
            double peak = _options.LearningRate;
            if (step < warmup)
            {
                return peak / 25 + (peak - peak / 25) * step / warmup;
            }

            double progress = Math.Min(1.0, (double)(step - warmup) / Math.Max(1, _totalSteps - warmup));
            return peak * 0.5 * (1 + Math.Cos(Math.PI * progress));
        }

        // Keras: ReduceLROnPlateau scales the base rate, and time decay divides whatever the base is.
        return _options.LearningRate * State.Multiplier / (1 + _options.TimeDecay * step);
    }

    /// <summary>Feeds one epoch's validation accuracy to the plateau rule; returns true when the rate was reduced.</summary>
    public bool EndEpoch(double validationAccuracy)
    {
        if (_options.Schedule != LearningRateScheduleKind.Plateau)
        {
            return false;
        }

        if (validationAccuracy > State.Best + _options.PlateauMinDelta)
        {
            State = State with { Best = validationAccuracy, Wait = 0 };
            return false;
        }

        int wait = State.Wait + 1;
        if (wait >= _options.PlateauPatience)
        {
            State = State with { Multiplier = State.Multiplier * _options.PlateauFactor, Wait = 0 };
            return true;
        }

        State = State with { Wait = wait };
        return false;
    }
}
