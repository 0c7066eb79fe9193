using System.Net;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.ScaleOut;

/// <summary>
/// A node that starts while Redis is down still starts: it loads what the tables hold, and once Redis is back it tails
/// the stream from the tables' mark, so it shows what was posted before it started and what is posted after.
/// </summary>
public sealed class StartWithoutRedisTests
{
    [Fact]
    public async Task A_node_started_while_redis_is_down_catches_up_when_redis_is_back()
    {
        using var redis = new PrivateRedis();
        await redis.StartAsync();
        var database = await TestDatabases.NewPostgresDatabaseAsync();
        var prefix = $"cc-cold-{Guid.NewGuid():N}";
        try
        {
            await using var gateway = await GatewayHost.StartAsync(redis.ConnectionString, prefix);
            await using var a = new RedisNode(redis.ConnectionString, prefix, database, "node-a");
            var liveA = (await a.ReadyAsync()).GetRequiredService<LiveSituation>();
            Assert.Equal(HttpStatusCode.Accepted, (await Tickets.PostAsync(gateway.Http, Tickets.Hotline("COLD-1"))).StatusCode);
            var before = WorkOrderId.From("test-hotline.COLD-1");
            await liveA.WaitForAsync(() => liveA.CardOf(before) is not null, TimeSpan.FromSeconds(30));
            var projector = a.Services.GetRequiredService<Web.Storage.LogProjector>();
            await projector.WaitForAsync(() => projector.Projected >= 2, TimeSpan.FromSeconds(30)); // the first start's reference data and COLD-1

            await redis.KillAsync();
            await using var b = new RedisNode(redis.ConnectionString, prefix, database, "node-b");
            var liveB = (await b.ReadyAsync()).GetRequiredService<LiveSituation>();
            Assert.NotNull(liveB.CardOf(before)); // from the tables, with the bus unreachable

            await redis.StartAsync();
            var after = WorkOrderId.From("test-hotline.COLD-2");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while ((await Tickets.PostAsync(gateway.Http, Tickets.Hotline("COLD-2"))).StatusCode != HttpStatusCode.Accepted)
            {
                Assert.True(DateTime.UtcNow < deadline, "the gateway did not accept again after Redis came back");
                await Task.Delay(200); // a source's back-off after a 503
            }

            await liveB.WaitForAsync(() => liveB.CardOf(after) is not null, TimeSpan.FromSeconds(60));
            Assert.Equal(2, liveB.Snapshot(liveB.Tree.Root.Code).OpenOrders.Count(o => o.Id.Value.StartsWith("test-hotline.COLD-", StringComparison.Ordinal)));
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(database);
        }
    }
}
