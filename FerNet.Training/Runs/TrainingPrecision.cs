using System.Text.Json.Serialization;

namespace FerNet.Training.Runs;

/// <summary>The arithmetic of training steps, stored by its lower-case name in checkpoints.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainingPrecision>))]
internal enum TrainingPrecision
{
    /// <summary>Everything in float32.</summary>
    [JsonStringEnumMemberName("float32")]
    Float32,

    /// <summary>
    /// Mixed precision: convolutions and dense layers of training steps in bfloat16 over float32
    /// weights (see <see cref="Models.FerModel.TrainInBFloat16"/>).
    /// </summary>
    [JsonStringEnumMemberName("bfloat16")]
    BFloat16,
}
