using System.Net;
using System.Net.Http.Json;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Live;
using CommandCenter.Web.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>
/// Identities are the source's: two platforms that use the same ticket number and the same device id make two orders
/// and two alarms, and neither can clear, replace or pre-empt the other's.
/// </summary>
public sealed class SourceScopeTests : IAsyncLifetime
{
    private const string OtherKey = "other-platform-key-0002";
    private readonly IngestApp _app = new();

    public async Task InitializeAsync()
    {
        _app.Settings["Ingest:Sources:other-platform:ApiKey"] = OtherKey;
        await _app.ReadyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Two_sources_posting_the_same_order_id_and_alarm_device_never_touch_each_others()
    {
        using var iot = _app.Feed();
        using var other = _app.CreateClient();
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);

        // The other platform goes first with the same ticket number and the same smoke detector, then clears "its" alarm.
        await Accepted(other, "tickets", Ticket("0001", "其他平台:路灯不亮"));
        await Accepted(other, "alarms", Smoke("raised"));
        await Accepted(iot, "tickets", Ticket("0001", "物联平台:井盖缺失"));
        await Accepted(iot, "alarms", Smoke("raised"));
        await Accepted(other, "alarms", Smoke("cleared"));

        var live = _app.Services.GetRequiredService<LiveSituation>();
        var ours = WorkOrderId.From("iot-platform.0001");
        var theirs = WorkOrderId.From("other-platform.0001");
        var settled = live.WaitForAsync(() => live.CardOf(ours) is not null && live.CardOf(theirs) is not null &&
            !live.Snapshot(live.Tree.Root.Code).ActiveAlarms.Any(a => a.DeviceId == "other-platform.SMK-0001"), TimeSpan.FromSeconds(30));
        await settled.ContinueWith(t => Assert.True(t.IsCompletedSuccessfully,
            $"orders {live.CardOf(ours)?.Id}, {live.CardOf(theirs)?.Id}; alarms {string.Join(", ", live.Snapshot(live.Tree.Root.Code).ActiveAlarms.Select(a => a.DeviceId))}; {live.Rejected} rejected"));

        Assert.Equal("物联平台:井盖缺失", live.CardOf(ours)!.Title);
        Assert.Equal("其他平台:路灯不亮", live.CardOf(theirs)!.Title);
        var alarms = live.Snapshot(live.Tree.Root.Code).ActiveAlarms.Where(a => a.DeviceId.EndsWith("SMK-0001", StringComparison.Ordinal)).ToList();
        var active = Assert.Single(alarms);
        Assert.Equal(("iot-platform.SMK-0001", AlarmKind.Smoke), (active.DeviceId, active.Kind));
        // Each smoke alarm opened its own platform's order.
        Assert.NotNull(live.CardOf(AlarmRulesOrder("iot-platform")));
        Assert.NotNull(live.CardOf(AlarmRulesOrder("other-platform")));

        // The tables say the same once projected (seven events: two tickets, two alarms each with its order, one clear).
        var projector = _app.Services.GetRequiredService<LogProjector>();
        await projector.WaitForAsync(() => projector.Projected >= 8, TimeSpan.FromSeconds(30)); // with the first start's reference data
        await using var connection = await _app.Store.OpenAsync(CancellationToken.None);
        var stored = (await connection.QueryAsync<(string DeviceId, long? ClearedAtMs)>(
            "SELECT device_id, cleared_at_ms FROM alarms WHERE device_id LIKE '%SMK-0001' ORDER BY device_id")).ToList();
        Assert.Equal(["iot-platform.SMK-0001", "other-platform.SMK-0001"], stored.Select(a => a.DeviceId));
        Assert.Null(stored[0].ClearedAtMs);
        Assert.NotNull(stored[1].ClearedAtMs);
        Assert.Equal(["iot-platform.0001", "other-platform.0001"],
            await connection.QueryAsync<string>("SELECT id FROM work_orders WHERE id LIKE '%.0001' ORDER BY id"));
    }

    private WorkOrderId AlarmRulesOrder(string source) =>
        Feeds.Ingest.AlarmRules.OrderIdFor($"{source}.SMK-0001", AlarmKind.Smoke, _app.Clock.GetUtcNow());

    private object Ticket(string id, string description) => new
    {
        id, source = "gridPatrol", kind = "report", category = "06001", description, jurisdiction = "320505001001001",
        reportedAt = _app.Clock.GetUtcNow().ToString("O"),
    };

    private object Smoke(string state) => new
    {
        deviceId = "SMK-0001", kind = "smoke", severity = "critical", state, description = "3号楼烟感",
        jurisdiction = "320505001001001", at = _app.Clock.GetUtcNow().AddSeconds(state == "cleared" ? 30 : 0).ToString("O"),
    };

    private static async Task Accepted(HttpClient client, string feed, object body)
    {
        using var response = await IngestApp.PostJsonAsync(client, feed, body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{feed}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
