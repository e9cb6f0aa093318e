using System.Globalization;
using FerNet.WebApi.Load;

// A bounded load run against a FerNet.WebApi already listening (see docs/webapi.md):
//   dotnet run -c Release --project benchmarks/FerNet.WebApi.Load -- <base url> <face crop> <photo> [seconds per level]
if (args.Length is < 3 or > 4)
{
    Console.Error.WriteLine("usage: FerNet.WebApi.Load <base url> <face crop for /predict> <photo for /analyze> [seconds per level, default 10]");
    return 2;
}

if (!Uri.TryCreate(args[0], UriKind.Absolute, out Uri? baseAddress))
{
    Console.Error.WriteLine($"'{args[0]}' is no absolute URL, such as http://127.0.0.1:5080/.");
    return 2;
}

foreach (string path in args[1..3])
{
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"Image '{path}' does not exist.");
        return 2;
    }
}

int seconds = 10;
if (args.Length == 4 && !(int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds > 0))
{
    Console.Error.WriteLine($"Seconds per level '{args[3]}' is not a positive whole number.");
    return 2;
}

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
var runner = new LoadRunner(client);
(string Endpoint, byte[] Image)[] targets = [("/predict", File.ReadAllBytes(args[1])), ("/analyze", File.ReadAllBytes(args[2]))];

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{baseAddress}, {seconds} s per level, {Environment.ProcessorCount} logical CPUs seen by the client"));
Console.WriteLine("| endpoint | clients | requests | requests/s | P50 ms | P95 ms | failed |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
int failed = 0;
foreach ((string endpoint, byte[] image) in targets)
{
    foreach (int clients in new[] { 1, 4, 16 })
    {
        LoadResult result = await runner.RunAsync(endpoint, image, clients, TimeSpan.FromSeconds(seconds));
        Console.WriteLine(result.ToMarkdownRow());
        failed += result.Failures;
    }
}

return failed == 0 ? 0 : 1;
