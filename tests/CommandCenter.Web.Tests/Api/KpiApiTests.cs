using System.Text.Json;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Hubs;
using CommandCenter.Web.Tests.Security;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Web.Tests.Api;

/// <summary><c>GET /api/kpis</c> and the hub's KPI message carry every rate with its numerator, denominator and basis.</summary>
public sealed class KpiApiTests : IAsyncLifetime
{
    private static readonly string[] RateKeys =
        ["closure", "on-time-closure", "satisfaction", "on-time-sign-off", "on-time-handling", "rework", "postponement", "dispatch-accuracy",
            "mediation-success", "hazard-rectification", "special-group-handling", "petition-on-time"];

    private readonly SecuredApp _app = new();

    public async Task InitializeAsync() => await _app.WithOrdersAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_rate_comes_with_its_numerator_denominator_and_basis()
    {
        using var commander = await _app.SignedInAsync("commander");
        var body = JsonDocument.Parse(await commander.GetStringAsync(new Uri("/api/kpis?scope=320505", UriKind.Relative))).RootElement;
        await using var hub = await HubClients.ConnectAsync(_app, "commander");
        var snapshot = await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), "320505");

        var rates = body.GetProperty("rates").EnumerateArray().ToList();
        Assert.Equal(RateKeys, rates.Select(r => r.GetProperty("key").GetString()));
        var closure = rates[0];
        Assert.Equal(("办结率", "已办结 / 应结案"), (closure.GetProperty("name").GetString(), closure.GetProperty("basis").GetString()));
        Assert.Equal((0, 0), (closure.GetProperty("numerator").GetInt32(), closure.GetProperty("denominator").GetInt32()));
        Assert.Equal(JsonValueKind.Null, closure.GetProperty("value").ValueKind); // nothing due yet: no rate, not 0 %
        Assert.Equal((2, 0), (body.GetProperty("counts").GetProperty("totalToday").GetInt32(), body.GetProperty("counts").GetProperty("acceptedToday").GetInt32()));
        Assert.Equal(RateKeys, snapshot.Kpis.Rates.Select(r => r.Key));
        Assert.Equal((2, 0), (snapshot.Kpis.TotalToday, snapshot.Kpis.AcceptedToday));
    }
}
