using System.Text;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Feeds.Ingest;
using CommandCenter.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>Alarms and drones over a real mosquitto broker (started by ./test.sh, CC_TEST_MQTT).</summary>
public sealed class MqttTests : IAsyncLifetime
{
    private static readonly string Broker = Environment.GetEnvironmentVariable("CC_TEST_MQTT")
        ?? throw new InvalidOperationException("CC_TEST_MQTT is not set: run the tests through ./test.sh, which starts mosquitto");

    private static readonly JurisdictionCode District = JurisdictionCode.From("320505");
    private readonly IngestApp _app = new(mqtt: Broker);
    private readonly IMqttClient _publisher = new MqttClientFactory().CreateMqttClient();
    private LiveSituation _live = default!;

    public async Task InitializeAsync()
    {
        await _app.ReadyAsync();
        _live = _app.Services.GetRequiredService<LiveSituation>();
        await _app.Services.GetRequiredService<MqttIngestService>().Subscribed.WaitAsync(TimeSpan.FromSeconds(30));
        var (host, port) = (Broker.Split(':')[0], int.Parse(Broker.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        await _publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId($"test-{Guid.NewGuid():N}").Build());
    }

    public async Task DisposeAsync()
    {
        await _publisher.DisconnectAsync();
        _publisher.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_bad_message_is_dead_lettered_and_the_good_ones_around_it_arrive()
    {
        var now = _app.Clock.GetUtcNow();
        await PublishAsync("cc/alarms/platform-a/E-1", $$"""{"deviceId":"EBK-1","kind":"elevatorEBike","jurisdiction":"320505001001001","at":"{{now:O}}"}""");
        await PublishAsync("cc/alarms/platform-a/E-2", """{"deviceId":"EBK-2","kind":"teleport","jurisdiction":"320505001001001"}""");
        await PublishAsync("cc/alarms/platform-a/E-3", "{not json");
        await PublishAsync("cc/drones/station-1/UAV-3", $$"""{"droneId":"UAV-3","lat":31.31,"lon":120.55,"at":"{{now:O}}"}""");
        await PublishAsync("cc/alarms/platform-b/S-1", $"""
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>CAP-1</identifier><sent>{now:yyyy-MM-ddTHH:mm:sszzz}</sent>
            <msgType>Alert</msgType><info><severity>Extreme</severity><description>烟感</description>
            <parameter><valueName>deviceId</valueName><value>SMK-9</value></parameter>
            <parameter><valueName>alarmKind</valueName><value>Smoke</value></parameter>
            <parameter><valueName>jurisdiction</valueName><value>320505002001001</value></parameter></info></alert>
            """);

        await _live.WaitForAsync(() =>
        {
            var s = _live.Snapshot(District);
            return s.ActiveAlarms.Any(a => a.DeviceId == "mqtt-platform-a.EBK-1") && s.ActiveAlarms.Any(a => a.DeviceId == "mqtt-platform-b.SMK-9" && a.Severity == AlarmSeverity.Critical) &&
                s.Drones.Any(d => d.DroneId == "UAV-3");
        }, TimeSpan.FromSeconds(20));
        var letters = await _app.Services.GetRequiredService<IIngestDeadLetters>().RecentAsync(10, default);
        Assert.Equal(2, letters.Count);
        Assert.All(letters, l => Assert.Equal("mqtt-platform-a", l.Source));
        Assert.Contains(letters, l => l.Reason.Contains("kind: must be one of", StringComparison.Ordinal) && l.Raw.Contains("teleport", StringComparison.Ordinal));
        Assert.Contains(letters, l => l.Reason.Contains("invalid JSON", StringComparison.Ordinal));
        Assert.Equal(5, _app.Services.GetRequiredService<MqttIngestService>().Received);
    }

    private Task PublishAsync(string topic, string payload) =>
        _publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
}
