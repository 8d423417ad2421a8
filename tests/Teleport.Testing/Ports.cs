using System.Net;
using System.Net.Sockets;

namespace Teleport.Testing;

/// <summary>Loopback ports for tests: one free now, and whether something listens on one.</summary>
public static class Ports
{
    /// <summary>A port free on loopback right now.</summary>
    public static int Free()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Whether a TCP connection to <paramref name="port"/> on loopback succeeds now.</summary>
    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
