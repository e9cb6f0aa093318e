namespace FerNet.Training.Data;

/// <summary>How far a dataset load has come.</summary>
/// <param name="ImagesRead">Images of the requested split read so far.</param>
/// <param name="Fraction">The share of the work done, from 0 to 1.</param>
public readonly record struct DatasetLoadProgress(int ImagesRead, double Fraction);
