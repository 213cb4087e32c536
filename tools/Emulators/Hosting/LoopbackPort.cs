using System.Net;
using System.Net.Sockets;

namespace LambdaWorkflow.Emulators;

/// <summary>Picks TCP ports on 127.0.0.1 for emulators, which cannot choose their own (dynalite maps 0 to 4567).</summary>
internal static class LoopbackPort
{
    /// <summary>A port the OS reports free right now; another process may still take it before the emulator binds.</summary>
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Whether something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
