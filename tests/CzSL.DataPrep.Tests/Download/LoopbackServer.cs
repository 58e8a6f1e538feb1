using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CzSL.DataPrep.Tests.Download;

/// <summary>An answer of <see cref="LoopbackServer"/>.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">Bytes sent as the body.</param>
/// <param name="DeclaredLength">Content-Length sent; larger than the body fakes a truncated transfer (the connection then closes).</param>
/// <param name="Delay">Wait before answering (for timeouts).</param>
/// <param name="Headers">Extra header lines, e.g. "Retry-After: 1".</param>
internal sealed record Reply(int Status, byte[] Body, long? DeclaredLength = null, TimeSpan? Delay = null, params string[] Headers)
{
    public static Reply Jpeg(byte[] body) => new(200, body, Headers: ["Content-Type: image/jpeg"]);
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (free port) over a raw socket, so tests can send what real servers sometimes
/// do: errors, Retry-After, stalls and bodies shorter than their Content-Length. Each connection serves one request.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<Uri, int, Reply> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _inFlight;
    private int _maxInFlight;

    /// <param name="handler">Answer for a request URL and the 1-based number of requests so far for that path.</param>
    public LoopbackServer(Func<Uri, int, Reply> handler)
    {
        _handler = handler;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Every request: URL and the time it arrived (since the server started).</summary>
    public ConcurrentQueue<(Uri Url, TimeSpan At)> Requests { get; } = new();

    /// <summary>Most requests being answered at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Requests for a path so far.</summary>
    public int CountFor(string path) => _counts.GetValueOrDefault(path);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var head = await ReadHead(stream);
            if (head is null) return;
            var target = head.Split("\r\n")[0].Split(' ')[1];
            var url = new Uri(BaseUrl + target);
            var n = _counts.AddOrUpdate(url.AbsolutePath, 1, (_, c) => c + 1);
            Requests.Enqueue((url, _clock.Elapsed));
            var now = Interlocked.Increment(ref _inFlight);
            for (var seen = _maxInFlight; now > seen; seen = _maxInFlight)
                if (Interlocked.CompareExchange(ref _maxInFlight, now, seen) == seen) break;
            try
            {
                await Answer(stream, _handler(url, n));
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The client went away (e.g. it timed out) or the server is stopping.
        }
    }

    private async Task Answer(NetworkStream stream, Reply reply)
    {
        if (reply.Delay is { } delay) await Task.Delay(delay, _stop.Token);
        var sb = new StringBuilder();
        sb.Append($"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\n");
        sb.Append($"Content-Length: {reply.DeclaredLength ?? reply.Body.Length}\r\n");
        sb.Append("Connection: close\r\n");
        foreach (var h in reply.Headers) sb.Append(h).Append("\r\n");
        sb.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString()), _stop.Token);
        await stream.WriteAsync(reply.Body, _stop.Token);
        await stream.FlushAsync(_stop.Token);
    }

    private static async Task<string?> ReadHead(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total));
            if (read == 0) return null;
            total += read;
            var text = Encoding.ASCII.GetString(buffer, 0, total);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal)) return text;
        }
        return null;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
