using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// Subscribes to the broker in <c>Ingest:MqttServer</c> (<c>host:port</c>), with the account in <c>Ingest:MqttUsername</c>
/// and <c>Ingest:MqttPassword</c> (over TLS with <c>Ingest:MqttTls</c>): <c>cc/alarms/#</c> (JSON or CAP 1.2 XML) and
/// <c>cc/drones/#</c> (JSON). The topic's third level names the source (<c>cc/alarms/{source}/…</c>), which must be one of
/// <c>Ingest:Sources</c> allowed that feed, within its rate limit, jurisdictions and channels, exactly as over HTTP (the
/// broker's ACL keeps each publisher to its own name: README). Each message takes the same ingest pipeline as HTTP; one
/// refused (unknown source, over its rate, invalid) is dead-lettered and the next one goes on; while the bus is down a
/// message is retried, not dropped. Reconnects with back-off for as long as the process runs.
/// </summary>
public sealed partial class MqttIngestService(IOptionsMonitor<IngestOptions> options, IngestPipeline pipeline, IngestSources sources,
    ILogger<MqttIngestService> logger) : BackgroundService
{
    public static readonly string[] Topics = ["cc/alarms/#", "cc/drones/#"];

    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the subscriptions are in place (tests wait on it).</summary>
    public Task Subscribed => _subscribed.Task;

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Raised with a message's topic once it is dealt with: accepted, refused and dead-lettered, or ignored.</summary>
    public event Action<string>? Handled;

    /// <summary>Messages that named no configured source (nothing was written for them).</summary>
    public long FromUnknownSources => Interlocked.Read(ref _unknown);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _unknownNames = new(StringComparer.Ordinal);
    private readonly string _instance = Guid.NewGuid().ToString("N")[..8]; // two hosts in one process must not share a client id
    private long _received;
    private long _unknown;

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
                    var settings = options.CurrentValue;
                    var builder = new MqttClientOptionsBuilder().WithTcpServer(host, port)
                        .WithClientId($"commandcenter-ingest-{Environment.MachineName}-{Environment.ProcessId}-{_instance}")
                        .WithCredentials(settings.MqttUsername, settings.MqttPassword)
                        .WithCleanSession(true);
                    if (settings.MqttTls)
                    {
                        builder.WithTlsOptions(tls =>
                        {
                            tls.UseTls();
                            if (!string.IsNullOrWhiteSpace(settings.MqttCaFile))
                            {
                                var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(settings.MqttCaFile);
                                tls.WithCertificateValidationHandler(check => TrustedBy(ca, check.Certificate, check.SslPolicyErrors));
                            }
                        });
                    }

                    var connect = builder.Build();
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
        try
        {
            await IngestAsync(message, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            Handled?.Invoke(message.Topic);
        }
    }

    private async Task IngestAsync(MqttApplicationMessage message, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _received);
        var parts = message.Topic.Split('/');
        var feed = parts.Length >= 2 && parts[0] == "cc" ? parts[1] : "";
        var source = parts.Length >= 3 ? parts[2] : "";
        var body = message.Payload.ToArray();
        var contentType = message.ContentType is { Length: > 0 } declared ? declared
            : body.SkipWhile(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0xEF or 0xBB or 0xBF).FirstOrDefault() == (byte)'<'
                ? "application/cap+xml" : "application/json";
        try
        {
            // The same door as HTTP: a configured source, allowed this feed, within its rate. A message naming no configured
            // source writes nothing (as an unauthenticated post), only a warning the first time; a known source's refusal is
            // dead-lettered for its operators.
            if (!options.CurrentValue.Sources.ContainsKey(source))
            {
                Interlocked.Increment(ref _unknown);
                if (_unknownNames.Count < 100 && _unknownNames.TryAdd(source, 0))
                {
                    LogUnknownSource(Clip(source), Clip(message.Topic));
                }

                return;
            }

            var refusal = !sources.MayPost(source, feed) ? new IngestRejection(403, $"source '{source}' may not post to '{Clip(feed)}'", [])
                : !sources.TryAcquire(source) ? new IngestRejection(429, "this source is sending faster than it may", [new("topic", "slow down: over Ingest:PermitsPerSecond")])
                : null;
            var input = new IngestInput(body, contentType, source);
            if (refusal is not null)
            {
                await pipeline.RefuseAsync(feed, input, refusal).ConfigureAwait(false);
                return;
            }

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

    /// <summary>The broker's certificate chains to <paramref name="ca"/> and names the host we connected to.</summary>
    internal static bool TrustedBy(System.Security.Cryptography.X509Certificates.X509Certificate2 ca,
        System.Security.Cryptography.X509Certificates.X509Certificate? presented, System.Net.Security.SslPolicyErrors errors)
    {
        if (presented is null || errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) ||
            errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
        chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
        using var certificate = new System.Security.Cryptography.X509Certificates.X509Certificate2(presented);
        return chain.Build(certificate);
    }

    private static string Clip(string text) => text.Length <= 32 ? text : text[..32] + "…";

    private static (string Host, int Port) Endpoint(string server)
    {
        var at = server.LastIndexOf(':');
        return at > 0 && int.TryParse(server[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? (server[..at], port)
            : (server, 1883);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT message on {Topic} names no configured source ('{Source}'): ignored (set Ingest:Sources:{Source} and the broker's ACL)")]
    private partial void LogUnknownSource(string source, string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to MQTT {Host}:{Port} (cc/alarms/#, cc/drones/#)")]
    private partial void LogConnected(string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker {Host}:{Port} unreachable; retrying")]
    private partial void LogConnectFailed(Exception exception, string host, int port);
}
