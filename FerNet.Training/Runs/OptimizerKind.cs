using System.Text.Json.Serialization;

namespace FerNet.Training.Runs;

/// <summary>The optimiser of a run, stored by its lower-case name in checkpoints.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OptimizerKind>))]
internal enum OptimizerKind
{
    /// <summary>Adam, with Keras' epsilon of 1e-7.</summary>
    [JsonStringEnumMemberName("adam")]
    Adam,

    /// <summary>SGD with Nesterov momentum 0.9.</summary>
    [JsonStringEnumMemberName("sgd")]
    Sgd,
}
