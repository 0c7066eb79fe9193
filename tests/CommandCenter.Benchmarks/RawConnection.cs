using System.Net.Sockets;
using System.Text;

namespace CommandCenter.Benchmarks;

/// <summary>
/// One keep-alive HTTP/1.1 connection that posts a body and reads the status and the body it gets back: a plain socket
/// writing prepared requests, since the load generator shares the two cores with the node and must cost little.
/// </summary>
internal sealed class RawConnection(Socket socket, string host, string key) : IDisposable
{
    private readonly byte[] _buffer = new byte[16 * 1024];

    public static async Task<RawConnection> OpenAsync(Uri node, string key)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(node.Host, node.Port);
        return new RawConnection(socket, $"{node.Host}:{node.Port}", key);
    }

    public async Task<int> PostAsync(string path, byte[] body)
    {
        var head = Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n" +
            $"X-Api-Key: {key}\r\nContent-Length: {body.Length}\r\n\r\n");
        await socket.SendAsync(head.Concat(body).ToArray());
        var read = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(_buffer.AsMemory(read));
            if (n == 0)
            {
                throw new IOException("the node closed the connection");
            }

            read += n;
            var text = Encoding.ASCII.GetString(_buffer, 0, read);
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd < 0)
            {
                continue;
            }

            // The answer comes with a Content-Length or chunked (a JSON result): complete at the length or the last chunk.
            var length = System.Text.RegularExpressions.Regex.Match(text, @"(?i)content-length: *(\d+)");
            var complete = length.Success
                ? read >= headerEnd + 4 + int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                : text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
            if (complete)
            {
                return int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    public void Dispose() => socket.Dispose();
}
