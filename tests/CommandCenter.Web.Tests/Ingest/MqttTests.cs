using System.Collections.Concurrent;
using System.Text;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Ingest;
using CommandCenter.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>
/// Alarms and drones over a real mosquitto broker (started by ./test.sh, CC_TEST_MQTT) that admits only accounts with
/// passwords and lets each platform publish only under its own name; the center applies the same allowlist, rate
/// limits and bounds as over HTTP.
/// </summary>
public sealed class MqttTests : IAsyncLifetime
{
    private static readonly string Broker = Environment.GetEnvironmentVariable("CC_TEST_MQTT")
        ?? throw new InvalidOperationException("CC_TEST_MQTT is not set: run the tests through ./test.sh, which starts mosquitto");

    private static readonly JurisdictionCode District = JurisdictionCode.From("320505");
    private readonly IngestApp _app = new(mqtt: Broker);
    private readonly Dictionary<string, IMqttClient> _publishers = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _handled = new(StringComparer.Ordinal);
    private LiveSituation _live = default!;

    public async Task InitializeAsync()
    {
        _app.Settings["Ingest:Sources:platform-a:Jurisdictions:0"] = "320505001"; // a street's platform
        await _app.ReadyAsync();
        _live = _app.Services.GetRequiredService<LiveSituation>();
        var mqtt = _app.Services.GetRequiredService<MqttIngestService>();
        mqtt.Handled += topic => _handled.GetOrAdd(topic, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        await mqtt.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        foreach (var publisher in _publishers.Values)
        {
            await publisher.DisconnectAsync();
            publisher.Dispose();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_bad_message_is_dead_lettered_and_the_good_ones_around_it_arrive()
    {
        var now = _app.Clock.GetUtcNow();
        await PublishAsync("platform-a", "cc/alarms/platform-a/E-1", $$"""{"deviceId":"EBK-1","kind":"elevatorEBike","jurisdiction":"320505001001001","at":"{{now:O}}"}""");
        await PublishAsync("platform-a", "cc/alarms/platform-a/E-2", """{"deviceId":"EBK-2","kind":"teleport","jurisdiction":"320505001001001"}""");
        await PublishAsync("platform-a", "cc/alarms/platform-a/E-3", "{not json");
        await PublishAsync("station-1", "cc/drones/station-1/UAV-3", $$"""{"droneId":"UAV-3","lat":31.31,"lon":120.55,"at":"{{now:O}}"}""");
        await PublishAsync("platform-b", "cc/alarms/platform-b/S-1", $"""
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>CAP-1</identifier><sent>{now:yyyy-MM-ddTHH:mm:sszzz}</sent>
            <msgType>Alert</msgType><info><severity>Extreme</severity><description>烟感</description>
            <parameter><valueName>deviceId</valueName><value>SMK-9</value></parameter>
            <parameter><valueName>alarmKind</valueName><value>Smoke</value></parameter>
            <parameter><valueName>jurisdiction</valueName><value>320505002001001</value></parameter></info></alert>
            """);

        await _live.WaitForAsync(() =>
        {
            var s = _live.Snapshot(District);
            return s.ActiveAlarms.Any(a => a.DeviceId == "platform-a.EBK-1") && s.ActiveAlarms.Any(a => a.DeviceId == "platform-b.SMK-9" && a.Severity == AlarmSeverity.Critical) &&
                s.Drones.Any(d => d.DroneId == "UAV-3");
        }, TimeSpan.FromSeconds(20));
        await HandledAsync("cc/alarms/platform-a/E-3");
        var letters = await _app.Services.GetRequiredService<IIngestDeadLetters>().RecentAsync(10, default);
        Assert.Equal(2, letters.Count);
        Assert.All(letters, l => Assert.Equal("platform-a", l.Source));
        Assert.Contains(letters, l => l.Reason.Contains("kind: must be one of", StringComparison.Ordinal) && l.Raw.Contains("teleport", StringComparison.Ordinal));
        Assert.Contains(letters, l => l.Reason.Contains("invalid JSON", StringComparison.Ordinal));
        Assert.Equal(5, _app.Services.GetRequiredService<MqttIngestService>().Received);
    }

    [Fact]
    public async Task Over_TLS_the_center_trusts_the_citys_own_CA_and_receives_as_before()
    {
        var tls = Environment.GetEnvironmentVariable("CC_TEST_MQTT_TLS")
            ?? throw new InvalidOperationException("CC_TEST_MQTT_TLS is not set: run the tests through ./test.sh");
        await using var overTls = new IngestApp(mqtt: tls)
        {
            Settings = { ["Ingest:MqttTls"] = "true", ["Ingest:MqttCaFile"] = Environment.GetEnvironmentVariable("CC_TEST_MQTT_CA")! },
        };
        await overTls.ReadyAsync();
        await overTls.Services.GetRequiredService<MqttIngestService>().Subscribed.WaitAsync(TimeSpan.FromSeconds(30));

        await PublishAsync("platform-b", "cc/alarms/platform-b/TLS-1",
            $$"""{"deviceId":"TLS-1","kind":"smoke","jurisdiction":"320505002001001","at":"{{overTls.Clock.GetUtcNow():O}}"}""");

        var live = overTls.Services.GetRequiredService<LiveSituation>();
        await live.WaitForAsync(() => live.Snapshot(District).ActiveAlarms.Any(a => a.DeviceId == "platform-b.TLS-1"), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task The_broker_admits_no_one_without_a_password()
    {
        var (host, port) = Endpoint();
        using var anonymous = new MqttClientFactory().CreateMqttClient();
        using var wrong = new MqttClientFactory().CreateMqttClient();

        Assert.False(await AdmittedAsync(anonymous, new MqttClientOptionsBuilder().WithTcpServer(host, port).Build()));
        Assert.False(await AdmittedAsync(wrong, new MqttClientOptionsBuilder().WithTcpServer(host, port).WithCredentials("platform-a", "not-the-password").Build()));
        using var right = new MqttClientFactory().CreateMqttClient();
        Assert.True(await AdmittedAsync(right, new MqttClientOptionsBuilder().WithTcpServer(host, port).WithCredentials("platform-a", IngestApp.MqttPassword).Build()));
        await right.DisconnectAsync();
    }

    [Fact]
    public async Task A_platform_posts_only_under_its_own_name_within_its_bounds_and_an_unconfigured_name_writes_nothing()
    {
        var now = _app.Clock.GetUtcNow();
        // platform-a tries to pass as platform-b: the broker drops it. rogue has an account but is no source of the center.
        await PublishAsync("platform-a", "cc/alarms/platform-b/F-1", $$"""{"deviceId":"FORGED-1","kind":"smoke","jurisdiction":"320505001001001","at":"{{now:O}}"}""");
        await PublishAsync("rogue", "cc/alarms/rogue/R-1", $$"""{"deviceId":"R-1","kind":"smoke","jurisdiction":"320505001001001","at":"{{now:O}}"}""");
        // platform-a is a street's platform: an alarm in another street is refused.
        await PublishAsync("platform-a", "cc/alarms/platform-a/OUT-1", $$"""{"deviceId":"OUT-1","kind":"smoke","jurisdiction":"320505002001001","at":"{{now:O}}"}""");
        await PublishAsync("platform-a", "cc/alarms/platform-a/IN-1", $$"""{"deviceId":"IN-1","kind":"smoke","jurisdiction":"320505001001001","at":"{{now:O}}"}""");

        await HandledAsync("cc/alarms/rogue/R-1");
        await HandledAsync("cc/alarms/platform-a/IN-1");
        await _live.WaitForAsync(() => _live.Snapshot(District).ActiveAlarms.Any(a => a.DeviceId == "platform-a.IN-1"), TimeSpan.FromSeconds(20));
        var alarms = _live.Snapshot(District).ActiveAlarms.Select(a => a.DeviceId).ToList();
        Assert.Contains("platform-a.IN-1", alarms);
        Assert.DoesNotContain(alarms, a => a.Contains("FORGED", StringComparison.Ordinal) || a.Contains("R-1", StringComparison.Ordinal) || a.Contains("OUT-1", StringComparison.Ordinal));
        Assert.False(_handled.ContainsKey("cc/alarms/platform-b/F-1"), "the broker let a platform publish under another's name");
        Assert.Equal(1, _app.Services.GetRequiredService<MqttIngestService>().FromUnknownSources);
        var letter = Assert.Single(await _app.Services.GetRequiredService<IIngestDeadLetters>().RecentAsync(10, default));
        Assert.Equal((403, "platform-a"), (letter.Status, letter.Source));
        Assert.Contains("jurisdiction: must lie within 320505001", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_over_its_rate_is_refused_as_over_HTTP_and_the_refusals_kept()
    {
        await using var throttled = new IngestApp(mqtt: Broker) { Settings = { ["Ingest:PermitsPerSecond"] = "1", ["Ingest:Burst"] = "1" } };
        await throttled.ReadyAsync();
        var mqtt = throttled.Services.GetRequiredService<MqttIngestService>();
        var seen = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        mqtt.Handled += topic =>
        {
            if (topic.StartsWith("cc/drones/station-1/RATE-", StringComparison.Ordinal) && Interlocked.Increment(ref seen) == 10)
            {
                all.TrySetResult();
            }
        };
        await mqtt.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));
        var now = throttled.Clock.GetUtcNow();

        for (var i = 0; i < 10; i++)
        {
            await PublishAsync("station-1", $"cc/drones/station-1/RATE-{i}", $$"""{"droneId":"UAV-R{{i}}","lat":31.31,"lon":120.55,"at":"{{now:O}}"}""");
        }

        await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var letters = await throttled.Services.GetRequiredService<IIngestDeadLetters>().RecentAsync(20, default);
        Assert.NotEmpty(letters);
        Assert.True(letters.Count < 10, "every message was refused: the limit should let the burst through");
        Assert.All(letters, l => Assert.Equal((429, "station-1"), (l.Status, l.Source)));
    }

    private async Task PublishAsync(string account, string topic, string payload)
    {
        if (!_publishers.TryGetValue(account, out var publisher))
        {
            var (host, port) = Endpoint();
            publisher = new MqttClientFactory().CreateMqttClient();
            await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId($"{account}-{Guid.NewGuid():N}")
                .WithCredentials(account, IngestApp.MqttPassword).Build());
            _publishers[account] = publisher;
        }

        await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    private static async Task<bool> AdmittedAsync(IMqttClient client, MqttClientOptions options)
    {
        try
        {
            return (await client.ConnectAsync(options)).ResultCode == MqttClientConnectResultCode.Success && client.IsConnected;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            return false;
        }
    }

    private Task HandledAsync(string topic) =>
        _handled.GetOrAdd(topic, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TimeSpan.FromSeconds(20));

    private static (string Host, int Port) Endpoint() =>
        (Broker.Split(':')[0], int.Parse(Broker.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
}
