using System.Text.Json.Serialization;

namespace FerNet.Training.Runs;

/// <summary>How the learning rate moves during a run, stored by its lower-case name in checkpoints.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LearningRateScheduleKind>))]
internal enum LearningRateScheduleKind
{
    /// <summary>Keras' time decay, with the rate reduced whenever validation accuracy stops improving.</summary>
    [JsonStringEnumMemberName("plateau")]
    Plateau,

    /// <summary>Linear warm-up to the peak rate, then half a cosine down to zero.</summary>
    [JsonStringEnumMemberName("one-cycle")]
    OneCycle,
}
