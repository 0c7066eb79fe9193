using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Storage;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Dispatch;

/// <summary>A thousand orders each clicked twice 50 ms apart, on PostgreSQL: one dispatch each, and both clicks told the same.</summary>
public sealed class DoubleClickTests : IAsyncLifetime
{
    private const int Orders = 1000;
    private string _database = "";
    private PostgresHost _app = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.NewPostgresDatabaseAsync();
        _app = new PostgresHost(_database);
        await _app.ReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await TestDatabases.DropPostgresDatabaseAsync(_database);
    }

    [Fact]
    public async Task Two_clicks_50_ms_apart_on_each_of_1000_orders_make_exactly_1000_dispatches()
    {
        var live = _app.Services.GetRequiredService<LiveSituation>();
        var bus = _app.Services.GetRequiredService<IFeedBus>();
        var grid = JurisdictionCode.From("320505001001001");
        for (var i = 0; i < Orders; i++)
        {
            var id = WorkOrderId.From($"DBL-{i:D4}");
            await bus.PublishAsync(new FeedEvent($"{id.Value}-report", "test", DateTimeOffset.UtcNow, grid, new WorkOrderReported(
                new WorkOrderReport(id, WorkOrderKind.Report, WorkOrderSource.GridPatrol, CategoryCode.From("06010"), Urgency.Urgent, "暴露垃圾", grid))));
        }

        await live.WaitForAsync(() => live.CardOf(WorkOrderId.From($"DBL-{Orders - 1:D4}")) is not null, TimeSpan.FromSeconds(60));
        var dispatch = _app.Services.GetRequiredService<DispatchService>();
        var commander = CenterUser.Create("commander", "区指挥长", Role.Commander, JurisdictionCode.From("320505"), mustChangePassword: false, "test");
        var pairs = new List<(DispatchOutcome First, DispatchOutcome Second)>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Orders), new ParallelOptions { MaxDegreeOfParallelism = 25 }, async (i, ct) =>
        {
            var order = $"DBL-{i:D4}";
            var key = $"dialog-dbl-{i:D4}";
            var first = dispatch.DispatchAsync(commander, order, key, null, "test", ct);
            await Task.Delay(50, ct); // the second click of a double click
            var second = await dispatch.DispatchAsync(commander, order, key, null, "test", ct);
            var firstOutcome = await first;
            lock (pairs)
            {
                pairs.Add((firstOutcome, second));
            }
        });

        Assert.Equal(Orders, pairs.Count);
        Assert.All(pairs, p =>
        {
            Assert.Equal((DispatchStatus.Dispatched, DispatchStatus.Dispatched), (p.First.Status, p.Second.Status));
            Assert.Equal(p.First.Result! with { AlreadyDispatched = false, Reasons = [], Assisting = [], AssistingNames = [] },
                p.Second.Result! with { AlreadyDispatched = false, Reasons = [], Assisting = [], AssistingNames = [] });
            Assert.Equal(p.First.Result!.Assisting, p.Second.Result!.Assisting);
            Assert.Single(new[] { p.First.Result!, p.Second.Result! }, r => !r.AlreadyDispatched);
        });
        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
        Assert.Equal(Orders, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT work_order_id) FROM dispatch_commands"));
        Assert.Equal(Orders, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dispatch_commands"));
        Assert.Equal(Orders, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'work-order.dispatch'"));
        Assert.Equal(Orders, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE event_id LIKE '%-dispatch'"));
    }

    private sealed class PostgresHost(string database) : WallHostFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Postgres", database);
        }
    }
}
