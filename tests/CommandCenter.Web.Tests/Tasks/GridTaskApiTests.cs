using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.GridMembers;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tasks;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Security;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Tasks;

/// <summary>
/// Grid members' tasks end to end: an elderly resident's alarm sends the grid's member to visit; the center asks the
/// member of an order's grid to verify it; the member's app reads and completes its tasks with its own key, and no other.
/// </summary>
public sealed class GridTaskApiTests : IAsyncLifetime
{
    private const string Secret = "test-member-key-secret-0123456789abcdef";
    private const string Member = "GM-001001001"; // the member of 320505001001001, where order A and the alarm are

    private readonly SecuredApp _app = new();
    private LiveSituation _live = default!;
    private GridTaskService _tasks = default!;
    private MemberKeys _keys = default!;

    public async Task InitializeAsync()
    {
        _app.Settings["Tasks:KeySecret"] = Secret;
        await _app.WithOrdersAsync();
        _live = _app.Services.GetRequiredService<LiveSituation>();
        _tasks = _app.Services.GetRequiredService<GridTaskService>();
        _keys = _app.Services.GetRequiredService<MemberKeys>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_elderly_residents_alarm_sends_the_grids_member_to_visit_once_and_the_member_completes_it_with_its_key()
    {
        var grid = JurisdictionCode.From("320505001001001");
        await _app.Services.GetRequiredService<IFeedBus>().PublishAsync(new FeedEvent("door-1", "iot", _app.Clock.GetUtcNow(), grid,
            new AlarmRaised("DOOR-0001", AlarmKind.AccessAnomaly, AlarmSeverity.Major, "独居老人王某3天未出门")));
        await _live.WaitForAsync(() => _live.VisitsDue().Count == 1, TimeSpan.FromSeconds(10));

        Assert.Equal(1, await _tasks.AssignVisitsAsync(CancellationToken.None));
        await _live.WaitForAsync(() => _live.TasksOf(Member).Count == 1, TimeSpan.FromSeconds(10));
        Assert.Equal(0, await _tasks.AssignVisitsAsync(CancellationToken.None)); // once
        var task = Assert.Single(_live.TasksOf(Member));
        Assert.Equal((GridTaskKind.Visit, grid), (task.Kind, task.Scope));
        Assert.Contains("3天未出门", task.Title, StringComparison.Ordinal);

        using var app = _app.CreateClient();
        var list = await app.SendAsync(Get($"/api/tasks?member={Member}", _keys.KeyOf(Member)));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("tasks");
        Assert.Equal(task.Id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(Get($"/api/tasks?member={Member}", _keys.KeyOf("GM-001001002")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(Done(task.Id, _keys.KeyOf("GM-001001002"), "属实"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(Done(task.Id, null, "属实"))).StatusCode);

        var done = await app.SendAsync(Done(task.Id, _keys.KeyOf(Member), "已上门，老人身体不适，已联系家属"));
        Assert.Equal(HttpStatusCode.Accepted, done.StatusCode);
        await _live.WaitForAsync(() => _live.FindTask(task.Id)?.IsOpen == false, TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Accepted, (await app.SendAsync(Done(task.Id, _keys.KeyOf(Member), "again"))).StatusCode); // idempotent
        Assert.Equal("已上门，老人身体不适，已联系家属", _live.FindTask(task.Id)!.Result);

        var projector = _app.Services.GetRequiredService<LogProjector>();
        await projector.WaitForAsync(() => projector.Projected >= 6, TimeSpan.FromSeconds(30)); // reference, 2 orders, alarm, assign, done
        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
        Assert.Equal(("Visit", Member), await connection.QueryFirstAsync<(string, string)>(
            "SELECT kind, member_id FROM grid_tasks WHERE done_at_ms IS NOT NULL AND id = @Id", new { task.Id }));
    }

    [Fact]
    public async Task The_center_asks_the_member_of_an_orders_grid_to_verify_it_and_sees_the_task_in_its_jurisdiction_only()
    {
        var operatorA = CenterUser.Create("op-shishan", "狮山值班员", Role.Operator, JurisdictionCode.From("320505001"), false, "test");
        var outcome = await _tasks.AssignVerifyAsync(operatorA, SecuredApp.OrderA, "请核实垃圾是否已清运", "verify-dialog-1", CancellationToken.None);

        Assert.Equal(DispatchStatus.Dispatched, outcome.Status);
        Assert.Equal(Member, outcome.Result!.UnitId);
        await _live.WaitForAsync(() => _live.TasksOf(Member).Count == 1, TimeSpan.FromSeconds(10));
        var task = Assert.Single(_live.TasksOf(Member));
        Assert.Equal((GridTaskKind.Verify, SecuredApp.OrderA, "请核实垃圾是否已清运"), (task.Kind, task.WorkOrderId, task.Note));
        Assert.Equal(DispatchStatus.NotFound, (await _tasks.AssignVerifyAsync(operatorA, SecuredApp.OrderB, null, "verify-dialog-2", CancellationToken.None)).Status);

        using var shishan = await _app.SignedInAsync("op-shishan");
        using var fengqiao = await _app.SignedInAsync("op-fengqiao");
        var own = JsonDocument.Parse(await shishan.GetStringAsync(new Uri("/api/tasks", UriKind.Relative))).RootElement.GetProperty("tasks");
        var other = JsonDocument.Parse(await fengqiao.GetStringAsync(new Uri("/api/tasks", UriKind.Relative))).RootElement.GetProperty("tasks");
        Assert.Equal(task.Id, Assert.Single(own.EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty(other.EnumerateArray());
    }

    [Fact]
    public async Task Only_a_whole_tree_admin_reads_a_members_key_and_the_read_is_audited()
    {
        using var admin = await _app.SignedInAsync("admin");
        using var commander = await _app.SignedInAsync("commander");

        var key = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"/api/tasks/key?member={Member}", UriKind.Relative))).RootElement;
        Assert.Equal(_keys.KeyOf(Member), key.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.GetAsync(new Uri($"/api/tasks/key?member={Member}", UriKind.Relative))).StatusCode);
        Assert.Equal(1, await _app.AuditCountAsync("admin", "grid-task.key"));
        Assert.NotEqual(_keys.KeyOf(Member), _keys.KeyOf("GM-001001002"));
    }

    private static HttpRequestMessage Get(string path, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add(MemberKeys.Header, key ?? "none");
        return request;
    }

    private static HttpRequestMessage Done(string id, string? key, string result)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/tasks/{id}/done", UriKind.Relative)) { Content = JsonContent.Create(new { result }) };
        if (key is not null)
        {
            request.Headers.Add(MemberKeys.Header, key);
        }

        return request;
    }
}
