using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FerNet.WebApi.Tests.Hosting;

/// <summary>
/// The sample service on real Kestrel, listening on a free port of 127.0.0.1, for clients that need
/// a socket (a browser, a load client); the in-memory test server has none.
/// </summary>
public sealed class KestrelWebApi : WebApplicationFactory<Program>
{
    public KestrelWebApi() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Starts the server if it is not yet running and gives the address it listens on.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            ICollection<string> addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new Uri(Assert.Single(addresses));
        }
    }
}
