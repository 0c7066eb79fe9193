using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>
/// Grid members' patrol apps post positions to <c>/api/ingest/patrols</c>: a member of the registry counts as on duty on
/// the walls of their jurisdiction, in the hub's snapshot and its deltas; an unknown member is refused naming the field.
/// </summary>
public sealed class PatrolTests : IAsyncLifetime
{
    private readonly IngestApp _app = new();
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        await _app.ReadyAsync();
        _client = _app.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", IngestApp.ApiKey);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_members_patrol_counts_them_on_duty_on_their_streets_wall_and_in_the_hub()
    {
        var member = TestReference.Data.GridMembers.First(m => m.Grid.Value.StartsWith("320505001", StringComparison.Ordinal));
        var at = TestReference.District.PointIn(member.Grid, new Random(3));
        await using var hub = await HubClients.ConnectAsync(_app, "op-shishan");
        var changed = new TaskCompletionSource<GridMembersMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<GridMembersMessage>(nameof(IWallClient.GridMembersChanged), m => changed.TrySetResult(m));
        var before = await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), (string?)null);

        var response = await _client.PostAsJsonAsync("/api/ingest/patrols", new
        {
            memberId = member.Id, lat = at.Latitude, lon = at.Longitude, at = _app.Clock.GetUtcNow().ToString("O"),
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var live = _app.Services.GetRequiredService<LiveSituation>();
        await live.WaitForAsync(() => live.Snapshot(member.Grid).GridMembers!.OnDuty == 1, TimeSpan.FromSeconds(30));
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        var counts = await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var registered = TestReference.Data.GridMembers.Count(m => m.Grid.Value.StartsWith("320505001", StringComparison.Ordinal));
        Assert.Equal((registered, 0), (before.GridMembers.Registered, before.GridMembers.OnDuty));
        Assert.Equal((registered, 1), (counts.Registered, counts.OnDuty));
        var community = member.Grid.Value[..12];
        Assert.Equal(1, counts.ByChild.Single(c => c.Code == community).OnDuty);
        var after = await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), (string?)null);
        Assert.Equal([member.Id], after.Patrols.Select(p => p.MemberId));
    }

    [Fact]
    public async Task A_position_of_someone_not_in_the_registry_is_refused_naming_the_field()
    {
        var response = await _client.PostAsJsonAsync("/api/ingest/patrols", new
        {
            memberId = "GM-nobody", lat = 31.3, lon = 120.56, at = _app.Clock.GetUtcNow().ToString("O"),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal("memberId", error.GetProperty("field").GetString());
        Assert.Contains("not in the grid-member registry", error.GetProperty("rule").GetString(), StringComparison.Ordinal);
    }
}
