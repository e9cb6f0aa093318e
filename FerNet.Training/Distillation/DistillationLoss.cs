using static TorchSharp.torch;

namespace FerNet.Training.Distillation;

/// <summary>
/// Knowledge distillation's soft-target term: T² · KL(teacher_T ‖ student_T), where x_T is the softmax
/// of x / T. T² keeps the term's gradients on the scale of the hard-label loss whatever T is (Hinton,
/// Vinyals and Dean, 2015).
/// </summary>
internal static class DistillationLoss
{
    /// <summary>The batch-mean soft-target loss.</summary>
    /// <param name="studentLogits">The student's logits, [B, 7].</param>
    /// <param name="teacherLogProbabilities">The teacher's log-probabilities (<see cref="TeacherTargets"/>), [B, 7].</param>
    /// <param name="temperature">T ≥ 1 softens both distributions.</param>
    public static Tensor Compute(Tensor studentLogits, Tensor teacherLogProbabilities, double temperature)
    {
        Tensor teacher = nn.functional.log_softmax(teacherLogProbabilities / temperature, 1);
        Tensor student = nn.functional.log_softmax(studentLogits / temperature, 1);
        return (teacher.exp() * (teacher - student)).sum(1).mean() * (temperature * temperature);
    }
}
