using System.Collections.Concurrent;
using System.Net;
using CommandCenter.Web.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.ScaleOut;

/// <summary>
/// Redis dies for 10 s while a hotline system keeps posting tickets to the gateway. Afterwards every accepted
/// ticket is stored once and on both nodes' walls once, and the backlog has drained.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly PrivateRedis _redis = new();
    private Cluster _cluster = default!;

    public async Task InitializeAsync()
    {
        await _redis.StartAsync();
        _cluster = await Cluster.StartAsync(_redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task Killing_redis_for_ten_seconds_loses_nothing_accepted_and_duplicates_nothing_on_walls()
    {
        await using var onA = await WallWatcher.StartAsync(_cluster.A, "320505");
        await using var onB = await WallWatcher.StartAsync(_cluster.B, "320505");
        var accepted = new ConcurrentBag<string>();
        var refusedWhileDown = 0;
        using var stop = new CancellationTokenSource();

        // A hotline system posting 25 tickets a second, each resent until the center accepts it.
        var flow = Task.Run(async () =>
        {
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(40));
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var id = $"OUT-{n:D5}";
                while (true)
                {
                    try
                    {
                        using var response = await Tickets.PostAsync(_cluster.Gateway.Http, Tickets.Hotline(id));
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            accepted.Add($"test-hotline.{id}"); // the gateway's source namespaces its ids
                            break;
                        }

                        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                        Interlocked.Increment(ref refusedWhileDown);
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref refusedWhileDown);
                    }

                    await pace.WaitForNextTickAsync();
                }

                await pace.WaitForNextTickAsync();
            }
        });

        await WaitUntilAsync(() => accepted.Count >= 40);
        await _redis.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(10)); // the outage itself, not a wait for a result
        await _redis.StartAsync();
        var beforeRestart = accepted.Count;
        await WaitUntilAsync(() => accepted.Count >= beforeRestart + 40);
        await stop.CancelAsync();
        await flow;

        var ids = accepted.ToHashSet();
        Assert.Equal(accepted.Count, ids.Count);
        Assert.True(refusedWhileDown > 0, "the gateway should have refused tickets while Redis was down");
        foreach (var (wall, node) in new[] { (onA, _cluster.A), (onB, _cluster.B) })
        {
            var live = node.Services.GetRequiredService<CommandCenter.Web.Live.LiveSituation>();
            await wall.WaitForAsync(w => ids.All(w.Incidents.ContainsKey), TimeSpan.FromSeconds(60)).ContinueWith(t => Assert.True(t.IsCompletedSuccessfully,
                $"{node.Name}'s wall shows {wall.Incidents.Count} of {ids.Count} accepted tickets; its live picture holds {live.Snapshot(Domain.Jurisdictions.JurisdictionCode.From("320505")).OpenOrders.Length}; missing {string.Join(",", ids.Where(i => !wall.Incidents.ContainsKey(i)))} of {string.Join(",", ids.Order())}"));
            Assert.Equal(ids.Count, wall.Incidents.Count);
            Assert.Equal(ids.Count, wall.Arrivals);
        }

        var persisters = new[] { _cluster.A, _cluster.B }.Select(n => n.Services.GetRequiredService<Persister>()).ToList();
        // Whichever node's persister stores the last one signals; wait on both.
        await Task.WhenAny(persisters.Select(p => p.WaitForAsync(() => persisters.Sum(x => x.Stored) >= ids.Count, TimeSpan.FromSeconds(60))));
        await using var connection = await _cluster.A.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None);
        var stored = (await connection.QueryAsync<string>("SELECT event_id FROM feed_events WHERE source <> 'reference'")).ToList();
        Assert.Equal(ids.Select(id => $"{id}-report").Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));

        foreach (var node in new[] { _cluster.A, _cluster.B })
        {
            var fresh = await WallWatcher.StartAsync(node, "320505");
            Assert.Equal(ids.Order(StringComparer.Ordinal), fresh.Incidents.Keys.Order(StringComparer.Ordinal));
            await fresh.DisposeAsync();
        }
    }

    /// <summary>Waits for the flow to reach a count; the flow paces itself, so this only watches.</summary>
    private static async Task WaitUntilAsync(Func<bool> reached)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        using var look = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!reached())
        {
            Assert.True(DateTime.UtcNow < deadline, "the ticket flow stalled");
            await look.WaitForNextTickAsync();
        }
    }
}
