using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// Subscribes to the broker in <c>Ingest:MqttServer</c> (<c>host:port</c>): <c>cc/alarms/#</c> (JSON or CAP 1.2 XML) and
/// <c>cc/drones/#</c> (JSON), each message through the same ingest pipeline as HTTP; the topic's third level names the
/// source (<c>cc/alarms/{source}/…</c>, recorded as <c>mqtt-{source}</c>). A message that fails is dead-lettered and the next one goes on; while the bus
/// is down a message is retried, not dropped. Reconnects with back-off for as long as the process runs.
/// </summary>
public sealed partial class MqttIngestService(IOptionsMonitor<IngestOptions> options, IngestPipeline pipeline, ILogger<MqttIngestService> logger)
    : BackgroundService
{
    public static readonly string[] Topics = ["cc/alarms/#", "cc/drones/#"];

    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the subscriptions are in place (tests wait on it).</summary>
    public Task Subscribed => _subscribed.Task;

    public long Received => Interlocked.Read(ref _received);

    private long _received;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.CurrentValue.MqttServer))
        {
            return;
        }

        var (host, port) = Endpoint(options.CurrentValue.MqttServer);
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e => HandleAsync(e.ApplicationMessage, stoppingToken);
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    var connect = new MqttClientOptionsBuilder().WithTcpServer(host, port)
                        .WithClientId($"commandcenter-ingest-{Environment.MachineName}-{Environment.ProcessId}")
                        .WithCleanSession(true).Build();
                    await client.ConnectAsync(connect, stoppingToken).ConfigureAwait(false);
                    var subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (var topic in Topics)
                    {
                        subscribe.WithTopicFilter(topic, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
                    }

                    await client.SubscribeAsync(subscribe.Build(), stoppingToken).ConfigureAwait(false);
                    LogConnected(host, port);
                    _subscribed.TrySetResult();
                    backoff = TimeSpan.FromSeconds(1);
                }

                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogConnectFailed(ex, host, port);
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private async Task HandleAsync(MqttApplicationMessage message, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _received);
        var parts = message.Topic.Split('/');
        var feed = parts.Length >= 2 && parts[0] == "cc" ? parts[1] : "";
        // The topic names the source (mqtt-{name}); a name that could not namespace its ids leaves plain "mqtt".
        var source = parts.Length >= 3 && SourceScope.Problem($"mqtt-{parts[2]}") is null ? $"mqtt-{parts[2]}" : "mqtt";
        var body = message.Payload.ToArray();
        var contentType = message.ContentType is { Length: > 0 } declared ? declared
            : body.SkipWhile(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0xEF or 0xBB or 0xBF).FirstOrDefault() == (byte)'<'
                ? "application/cap+xml" : "application/json";
        var input = new IngestInput(body, contentType, source);
        try
        {
            while (true)
            {
                var result = await pipeline.ProcessAsync(feed, input, stoppingToken).ConfigureAwait(false);
                if (result.Status != 503)
                {
                    return; // accepted, or refused and dead-lettered
                }

                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static (string Host, int Port) Endpoint(string server)
    {
        var at = server.LastIndexOf(':');
        return at > 0 && int.TryParse(server[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? (server[..at], port)
            : (server, 1883);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to MQTT {Host}:{Port} (cc/alarms/#, cc/drones/#)")]
    private partial void LogConnected(string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker {Host}:{Port} unreachable; retrying")]
    private partial void LogConnectFailed(Exception exception, string host, int port);
}
