using System.Net;
using Teleport.Api.Config;

namespace Teleport.Services;

/// <summary>Turns configured addresses into endpoints to bind or dial.</summary>
internal static class EndPoints
{
    public static async Task<IPEndPoint> ResolveAsync(NetAddr address, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(address.Host, out IPAddress? ip))
        {
            return new IPEndPoint(ip, address.Port);
        }

        IPAddress[] found = await Dns.GetHostAddressesAsync(address.Host, cancellationToken).ConfigureAwait(false);
        IPAddress chosen = found.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? found.First();
        return new IPEndPoint(chosen, address.Port);
    }
}
