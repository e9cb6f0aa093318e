namespace FerNet.Cli.Evaluation;

/// <summary>The folder given to evaluate is not laid out as class subfolders of images; the message names the folder or subfolder at fault.</summary>
internal sealed class InvalidLabelledFolderException : Exception
{
    public InvalidLabelledFolderException(string message)
        : base(message)
    {
    }
}
