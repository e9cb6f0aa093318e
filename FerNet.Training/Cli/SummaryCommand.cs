using System.CommandLine;
using System.Globalization;
using FerNet.Training.Models;

namespace FerNet.Training.Cli;

/// <summary>`summary`: the layer table of an architecture with output shapes and parameter counts.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var arch = new Option<string>("--arch") { Description = $"Architecture: {string.Join(", ", ModelCatalog.Names)}.", DefaultValueFactory = _ => ModelCatalog.Names[0] };
        var command = new Command("summary", "Print an architecture's layers, output shapes and parameter counts.") { arch };
        command.SetAction(result =>
        {
            using FerModel model = ModelCatalog.Create(result.GetValue(arch)!);
            Print(model, Console.Out);
            return 0;
        });
        return command;
    }

    /// <summary>Writes the Keras-style summary table of <paramref name="model"/>.</summary>
    public static void Print(FerModel model, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"Model: {model.Architecture}");
        output.WriteLine(new string('_', 72));
        output.WriteLine($"{"Layer (type)",-34}{"Output shape",-24}{"Param #",14}");
        output.WriteLine(new string('=', 72));
        foreach ((string name, string type, long[] shape, long parameters) in model.Trace())
        {
            string shapeText = "(None, " + string.Join(", ", shape.Skip(1)) + ")";
            output.WriteLine(string.Create(inv, $"{$"{name} ({type})",-34}{shapeText,-24}{parameters,14:N0}"));
        }

        output.WriteLine(new string('=', 72));
        long trainable = model.TrainableParameterCount;
        long nonTrainable = model.NonTrainableParameterCount;
        output.WriteLine(string.Create(inv, $"Total params: {trainable + nonTrainable:N0}"));
        output.WriteLine(string.Create(inv, $"Trainable params: {trainable:N0}"));
        output.WriteLine(string.Create(inv, $"Non-trainable params: {nonTrainable:N0}"));
    }
}
