using FerNet.Common.IO;
using FerNet.Training.Checkpoints;
using FerNet.Training.Distillation;

namespace FerNet.Training.Runs;

/// <summary>
/// A run's resumable state kept in a folder of its own (`train --state`), typically in the
/// repository, so that the run outlives its run folder: the files a resumed run reads, copied from the
/// run folder after every epoch and copied back when the run folder has none or an older one.
/// </summary>
/// <remarks>
/// The state is the run folder's own checkpoints, not a second format: <see cref="Trainer.LastCheckpointName"/>
/// holds the weights, BatchNorm statistics, optimiser moments, schedule position and history, the weight
/// average's and the best checkpoint hold theirs, and the teacher's targets are cached with their key.
/// Random choices need no state: every epoch's shuffling, augmentation and dropout are seeded from the
/// run's seed and the epoch. Each file is replaced atomically, <see cref="Trainer.LastCheckpointName"/>
/// last, and a restore checks that the others belong to its epoch, so a copy interrupted between two
/// files is refused rather than resumed from.
/// </remarks>
internal static class RunState
{
    /// <summary>The files of a state, in the order they are written; last.ckpt, which says which epoch the state holds, comes last.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        [TeacherTargets.FileName, Trainer.BestCheckpointName, Trainer.LastAverageCheckpointName, Trainer.LastCheckpointName];

    /// <summary>Replaces the state in <paramref name="stateDirectory"/> with the run folder's.</summary>
    /// <param name="runDirectory">The run folder, just checkpointed.</param>
    /// <param name="stateDirectory">The state folder; created when missing.</param>
    public static void Save(string runDirectory, string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        foreach (string name in FileNames)
        {
            string source = Path.Combine(runDirectory, name);
            string target = Path.Combine(stateDirectory, name);
            if (File.Exists(source))
            {
                Copy(source, target);
            }
            else
            {
                File.Delete(target);
            }
        }
    }

    /// <summary>
    /// Copies the state in <paramref name="stateDirectory"/> into <paramref name="runDirectory"/> when
    /// the run folder holds no checkpoint or an older one than the state.
    /// </summary>
    /// <returns>The epochs the restored state holds; null when the run folder was kept (it is as new as the state, or there is no state).</returns>
    /// <exception cref="InvalidCheckpointException">A file of the state belongs to another epoch than its last.ckpt.</exception>
    public static int? RestoreInto(string stateDirectory, string runDirectory)
    {
        string stateLast = Path.Combine(stateDirectory, Trainer.LastCheckpointName);
        if (!File.Exists(stateLast))
        {
            return null;
        }

        CheckpointHeader state = TrainingCheckpoint.ReadHeader(stateLast);
        string runLast = Path.Combine(runDirectory, Trainer.LastCheckpointName);
        if (File.Exists(runLast) && TrainingCheckpoint.ReadHeader(runLast).EpochsCompleted >= state.EpochsCompleted)
        {
            return null;
        }

        RequireEpoch(Path.Combine(stateDirectory, Trainer.LastAverageCheckpointName), state.EpochsCompleted, stateLast);
        RequireEpoch(Path.Combine(stateDirectory, Trainer.BestCheckpointName), state.BestEpoch, stateLast);
        Directory.CreateDirectory(runDirectory);
        foreach (string name in FileNames)
        {
            string source = Path.Combine(stateDirectory, name);
            if (File.Exists(source))
            {
                Copy(source, Path.Combine(runDirectory, name));
            }
        }

        return state.EpochsCompleted;
    }

    /// <summary>Refuses a checkpoint of the state that exists but was written after another epoch than <paramref name="epoch"/>.</summary>
    private static void RequireEpoch(string path, int epoch, string lastPath)
    {
        if (File.Exists(path) && TrainingCheckpoint.ReadHeader(path).EpochsCompleted is int written && written != epoch)
        {
            throw new InvalidCheckpointException(path, $"it holds epoch {written}, but {lastPath} expects epoch {epoch}: the state was copied incompletely; restore the folder as a whole (e.g. from one commit).");
        }
    }

    private static void Copy(string source, string target) => AtomicFile.Write(target, stream =>
    {
        using FileStream input = File.OpenRead(source);
        input.CopyTo(stream);
    });
}
