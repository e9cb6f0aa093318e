using System.Text.Json.Serialization;
using FerNet.Training.Augmentation;

namespace FerNet.Training.Runs;

/// <summary>Everything that decides a training run; saved in every checkpoint so a resumed run continues the same one.</summary>
internal sealed record TrainingOptions
{
    /// <summary>Model architecture from <see cref="Models.ModelCatalog"/>.</summary>
    public required string Architecture { get; init; }

    /// <summary>Recipe preset these options started from ("seed" or "fernet").</summary>
    public required string Recipe { get; init; }

    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 70;

    /// <summary>Images per optimiser step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Seed for every random choice: split (unless <see cref="SplitSeed"/> is set), balancing, shuffling, augmentation, dropout, initialisation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Seed of the validation split alone; null: <see cref="Seed"/>. Runs that differ in
    /// <see cref="Seed"/> but share this hold out the same images, so an ensemble of them can still be
    /// scored on a validation split none of its members trained on.
    /// </summary>
    public int? SplitSeed { get; init; }

    /// <summary>The seed the validation split is drawn with.</summary>
    /// <remarks>Derived from the two seeds, so checkpoints do not store it.</remarks>
    [JsonIgnore]
    public int EffectiveSplitSeed => SplitSeed ?? Seed;

    /// <summary>Share of each class of the training data held out for validation.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>The optimiser.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Initial (Adam) or peak (one-cycle) learning rate.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Keras' time decay: the rate is divided by (1 + decay · step).</summary>
    public double TimeDecay { get; init; }

    /// <summary>Decoupled weight decay (SGD's weight_decay); 0 for the seed, which uses L2 terms in the loss instead.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The learning-rate schedule.</summary>
    public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.Plateau;

    /// <summary>Share of all steps spent warming up in the one-cycle schedule.</summary>
    public double WarmupFraction { get; init; } = 0.15;

    /// <summary>Plateau schedule: factor applied to the rate on a plateau.</summary>
    public double PlateauFactor { get; init; } = 0.2;

    /// <summary>Plateau schedule: epochs without improvement before reducing.</summary>
    public int PlateauPatience { get; init; } = 6;

    /// <summary>Plateau schedule: smallest validation-accuracy gain that counts as improvement.</summary>
    public double PlateauMinDelta { get; init; } = 1e-4;

    /// <summary>Label smoothing of the cross-entropy (0 for plain categorical cross-entropy).</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Class weights in the loss.</summary>
    public ClassWeightingKind ClassWeighting { get; init; } = ClassWeightingKind.None;

    /// <summary>When set, the seed's offline balancing to this many images per class.</summary>
    public int? BalancePerClass { get; init; }

    /// <summary>Transform used to create the balancing copies.</summary>
    public AugmentationSettings BalancingTransform { get; init; } = AugmentationSettings.SeedBalancing;

    /// <summary>Random transforms applied to every training batch.</summary>
    public AugmentationSettings Augmentation { get; init; } = AugmentationSettings.None;

    /// <summary>
    /// A checkpoint whose weights start the run instead of a random initialisation (fine-tuning, or a
    /// second learning-rate cycle); the optimiser and schedule start afresh. Null: random start.
    /// </summary>
    public string? InitialWeights { get; init; }

    /// <summary>When <see cref="InitialWeights"/> is an ensemble .onnx, the position of the member to start from.</summary>
    public int? InitialMember { get; init; }

    /// <summary>
    /// A FerNet .onnx (a single model or an ensemble) whose softened probabilities the student learns
    /// besides the labels (knowledge distillation); null: labels alone.
    /// </summary>
    public string? Teacher { get; init; }

    /// <summary>Share α of the loss given to the teacher's targets; the labels' cross-entropy gets 1 − α.</summary>
    public double DistillationWeight { get; init; } = 0.9;

    /// <summary>Temperature T that softens teacher and student probabilities in the distillation term.</summary>
    public double Temperature { get; init; } = 4;

    /// <summary>
    /// Decay of an exponential moving average of the weights, updated after every step and validated
    /// beside the trained weights every epoch (the better of the two is kept as best); null: off.
    /// </summary>
    public double? WeightAverageDecay { get; init; }

    /// <summary>
    /// The arithmetic of training steps; bfloat16 is faster on some CPUs with AVX-512 BF16 and slower
    /// on others (the README has the measurements).
    /// </summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Float32;

    /// <summary>
    /// Lay each training batch out channels-last (NHWC), the layout oneDNN prefers on CPUs; the
    /// weights and checkpoints keep libtorch's default layout. It changes speed, not what is computed,
    /// up to float rounding.
    /// </summary>
    public bool ChannelsLast { get; init; }

    /// <summary>Stop when validation accuracy has not improved for this many epochs (off when null).</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Checks every value, naming the first one at fault.</summary>
    public void Validate()
    {
        Models.ModelCatalog.Create(Architecture).Dispose();
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if (ValidationFraction is <= 0 or > 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be in (0, 0.5]: checkpoints are chosen on it.");
        }

        if (!Enum.IsDefined(Optimizer) || !Enum.IsDefined(Schedule) || !Enum.IsDefined(ClassWeighting) || !Enum.IsDefined(Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(Optimizer), $"Optimizer {Optimizer}, schedule {Schedule}, class weighting {ClassWeighting} or precision {Precision} is not one FerNet knows.");
        }

        if (LearningRate <= 0 || LabelSmoothing is < 0 or >= 1 || WeightDecay < 0 || TimeDecay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), "Learning rate must be positive; label smoothing in [0, 1); decays non-negative.");
        }

        // Patience counts epochs since the best one, so 0 would stop every run after its first epoch; null turns early stopping off.
        if (EarlyStoppingPatience is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "Early stopping needs a patience of at least 1 epoch (leave --early-stopping out to turn it off).");
        }

        if (BalancePerClass is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BalancePerClass), BalancePerClass, "Balancing needs a positive number of images per class.");
        }

        if (InitialWeights is not null && !File.Exists(InitialWeights))
        {
            throw new FileNotFoundException($"The checkpoint or model to start from, '{InitialWeights}', does not exist.", InitialWeights);
        }

        if (InitialMember is not null && (InitialWeights is null || !Import.OnnxWeightImport.IsOnnxPath(InitialWeights)))
        {
            throw new ArgumentException("An ensemble member to start from (--init-member) needs an ensemble .onnx in --init-from.", nameof(InitialMember));
        }

        if (Teacher is not null && !File.Exists(Teacher))
        {
            throw new FileNotFoundException($"The teacher model '{Teacher}' does not exist.", Teacher);
        }

        if (DistillationWeight is < 0 or > 1 || Temperature < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DistillationWeight), $"The distillation weight must be in [0, 1] (got {DistillationWeight}) and the temperature at least 1 (got {Temperature}).");
        }

        if (WeightAverageDecay is not null and (<= 0 or >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightAverageDecay), WeightAverageDecay, "The weight-average decay must be in (0, 1), e.g. 0.999.");
        }

        Augmentation.Validate();
        BalancingTransform.Validate();
    }
}
