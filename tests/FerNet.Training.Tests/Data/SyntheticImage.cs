using FerNet.Core;

namespace FerNet.Training.Tests.Data;

/// <summary>One generated image written to disk: where, with which label, and its exact pixels.</summary>
internal sealed record SyntheticImage(string Path, Emotion Label, byte[] Pixels);
