using System.Text.Json.Serialization;

namespace FerNet.Training.Runs;

/// <summary>How the loss weighs each class, stored by its lower-case name in checkpoints.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClassWeightingKind>))]
internal enum ClassWeightingKind
{
    /// <summary>Every class weighs the same.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>Weights proportional to 1 / (images of the class).</summary>
    [JsonStringEnumMemberName("inverse")]
    Inverse,

    /// <summary>Weights proportional to 1 / sqrt(images of the class): a milder lift for rare classes.</summary>
    [JsonStringEnumMemberName("sqrt-inverse")]
    SqrtInverse,
}
