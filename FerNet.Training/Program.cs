using FerNet.Training.Models;
foreach (var name in ModelCatalog.Names)
{
    using var m = ModelCatalog.Create(name);
    Console.WriteLine($"{name}: {m.TrainableParameterCount} {m.NonTrainableParameterCount}");
    foreach (var r in m.Trace()) Console.WriteLine($"  {r.Name} {r.Type} [{string.Join(",", r.Shape)}] {r.Parameters}");
}
