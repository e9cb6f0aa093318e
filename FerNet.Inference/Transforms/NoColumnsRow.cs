namespace FerNet.Inference.Transforms;

/// <summary>A row type that reads no column, for describing the columns a step adds without any input.</summary>
internal sealed class NoColumnsRow
{
}
