using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Hubs;

/// <summary>The hub's coalescing window is set apart from the walls': here 5 s for the hub, while walls keep 250 ms.</summary>
public sealed class HubWindowTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();

    public async Task InitializeAsync()
    {
        _app.Settings["Wall:HubWindowMilliseconds"] = "5000";
        await _app.WithOrdersAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Hub_clients_get_changes_at_most_once_per_the_hubs_window_while_walls_get_them_at_theirs()
    {
        var hubSignal = _app.Services.GetRequiredService<HubSignal>();
        var wallSignal = _app.Services.GetRequiredService<WallSignal>();
        Assert.Equal((TimeSpan.FromSeconds(5), WallSignal.MinInterval), (hubSignal.Window, wallSignal.Window));
        await using var hub = await HubClients.ConnectAsync(_app, "commander");
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<Delta<IncidentMessage>>(nameof(IWallClient.IncidentsChanged), d =>
        {
            if (d.Upserted.Any(i => i.Id == "WIN-1")) { first.TrySetResult(); }
            if (d.Upserted.Any(i => i.Id == "WIN-2")) { second.TrySetResult(); }
        });
        await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), "320505");
        _app.Clock.Advance(TimeSpan.FromSeconds(6)); // both windows open

        await PublishAsync("WIN-1");
        _app.Clock.Advance(TimeSpan.FromSeconds(6));
        await first.Task.WaitAsync(TimeSpan.FromSeconds(21));
        var wallsTold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await PublishAsync("WIN-2");
        using (wallSignal.Subscribe(() => { wallsTold.TrySetResult(); return Task.CompletedTask; }))
        {
            _app.Clock.Advance(TimeSpan.FromSeconds(1));
            await wallsTold.Task.WaitAsync(TimeSpan.FromSeconds(22));
        }

        Assert.False(second.Task.IsCompleted); // walls were told within 1 s; the hub waits for its 5 s window
        _app.Clock.Advance(TimeSpan.FromSeconds(5));
        await second.Task.WaitAsync(TimeSpan.FromSeconds(23));
    }

    private async Task PublishAsync(string id)
    {
        var grid = JurisdictionCode.From("320505001001001");
        var live = _app.Services.GetRequiredService<LiveSituation>();
        await _app.Services.GetRequiredService<IFeedBus>().PublishAsync(new FeedEvent($"{id}-report", "test", _app.Clock.GetUtcNow(), grid,
            new WorkOrderReported(new WorkOrderReport(WorkOrderId.From(id), WorkOrderKind.Report, WorkOrderSource.GridPatrol,
                CategoryCode.From("06010"), Urgency.Normal, "窗口测试", grid))));
        await live.WaitForAsync(() => live.CardOf(WorkOrderId.From(id)) is not null, TimeSpan.FromSeconds(30));
    }
}
