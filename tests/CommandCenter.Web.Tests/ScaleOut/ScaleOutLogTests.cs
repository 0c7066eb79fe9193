using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Domain.Situation;
using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Storage;
using Dapper;
using Npgsql;
using StackExchange.Redis;

namespace CommandCenter.Web.Tests.ScaleOut;

/// <summary>
/// Tables are a function of the log, on Redis and PostgreSQL with two web nodes as real processes and the gateway
/// running the simulator: tickets to the gateway and dispatches to both nodes while one node is SIGKILLed and restarted
/// and Redis is killed for ten seconds. After the flow stops and both nodes drain, <c>--verify-store</c> finds no
/// difference between the tables and the log replayed, nothing the gateway accepted is missing, and both nodes show
/// the same picture as the log alone gives.
/// </summary>
[Collection(nameof(ScaleOutLogTests))]
public sealed class ScaleOutLogTests
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Tables_equal_the_log_after_a_node_and_redis_are_killed_mid_flow()
    {
        using var redis = new PrivateRedis();
        await redis.StartAsync();
        var database = await TestDatabases.NewPostgresDatabaseAsync();
        var prefix = $"cc-log-{Guid.NewGuid():N}";
        Dictionary<string, string> Node(string name) => new()
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["ConnectionStrings__Postgres"] = database,
            ["Bus__Prefix"] = prefix,
            ["Bus__Node"] = name,
            ["Bus__PollMilliseconds"] = "20",
            ["Bus__ClaimAfterSeconds"] = "2",
        };
        try
        {
            var accepted = new ConcurrentDictionary<string, bool>();
            var dispatched = new ConcurrentDictionary<string, bool>();
            var stores = new StoreSet(new Web.Storage.PostgresDatabase(new NpgsqlDataSourceBuilder(database).Build(), TimeProvider.System));
            var a = await WebProcess.StartAsync(Node("node-a"));
            var b = await WebProcess.StartAsync(Node("node-b"));
            try
            {
                await using (var gateway = await GatewayHost.StartAsync(redis.ConnectionString, prefix,
                    "--Simulator:Enabled=true", "--Simulator:BackfillHours=1", "--Simulator:Speed=30"))
                {
                    using var stop = new CancellationTokenSource();
                    var tickets = Enumerable.Range(0, 2).Select(s => SendTicketsAsync(gateway.Http, s, accepted, stop.Token)).ToList();
                    var dispatches = DispatchAsync([() => a, () => b], dispatched, stop.Token);

                    await Until(() => Task.FromResult(accepted.Count >= 100 && !dispatched.IsEmpty), TimeSpan.FromSeconds(120),
                        () => $"flow started: {accepted.Count} tickets accepted, {dispatched.Count} dispatched; last answers {string.Join(" | ", Answers.TakeLast(5))}");
                    // SIGKILL the node projecting the tables (the other takes over when its lease lapses), then restart it.
                    var holder = await HolderAsync(stores);
                    var killed = holder == "node-a" ? a : b;
                    await killed.KillAsync();
                    await Until(() => Task.FromResult(accepted.Count >= 200), TimeSpan.FromSeconds(60), () => $"flow went on without {holder}: {accepted.Count} accepted");
                    var restarted = await WebProcess.StartAsync(Node(holder!));
                    (a, b) = holder == "node-a" ? (restarted, b) : (a, restarted);
                    await killed.DisposeAsync();
                    await Until(() => Task.FromResult(accepted.Count >= 300), TimeSpan.FromSeconds(60), () => $"flow went on after {holder} came back: {accepted.Count} accepted");
                    await redis.KillAsync();
                    await Task.Delay(TimeSpan.FromSeconds(10)); // the outage itself, not a wait for a result
                    await redis.StartAsync();
                    var afterOutage = accepted.Count;
                    await Until(() => Task.FromResult(accepted.Count >= afterOutage + 100), TimeSpan.FromSeconds(120), () => $"flow resumed after redis came back: {accepted.Count} accepted");

                    await stop.CancelAsync();
                    await Task.WhenAll([.. tickets, dispatches]);
                }

                // The flow has stopped (the gateway and its simulator are gone): both nodes drain.
                await using var bus = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
                var durable = $"{prefix}:feed:durable";
                await Until(async () => await OutboxEmptyAsync(stores) && await MarkAsync(stores) == await LastEntryAsync(bus, durable),
                    Drain, () => "the tables reached the end of the stream");

                // Nothing the gateway accepted is missing; every dispatch answered is in the tables.
                await using var connection = await stores.OpenAsync(CancellationToken.None);
                var logged = (await connection.QueryAsync<string>("SELECT event_id FROM feed_events WHERE source <> 'reference'")).ToHashSet(StringComparer.Ordinal);
                var missing = accepted.Keys.Where(id => !logged.Contains(id)).ToList();
                Assert.True(missing.Count == 0, $"{missing.Count} of {accepted.Count} accepted tickets lost, e.g. {string.Join(", ", missing.Take(5))}");
                var undispatched = new List<string>();
                foreach (var order in dispatched.Keys)
                {
                    if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dispatches WHERE work_order_id = @Order", new { Order = order }) == 0)
                    {
                        undispatched.Add(order);
                    }
                }

                if (undispatched.Count > 0)
                {
                    // What the log and the tables hold of them, so a failure says whether the event or only its row is missing.
                    var detail = new List<string>();
                    foreach (var order in undispatched.Take(3))
                    {
                        try
                        {
                            var events = await connection.QueryAsync<(long Seq, string Source, string EventId)>(
                                "SELECT seq, source, event_id FROM feed_events WHERE work_order_id = @Order ORDER BY seq", new { Order = order });
                            var row = await connection.QueryFirstOrDefaultAsync<(string State, int DispatchCount)?>(
                                "SELECT state, dispatch_count FROM work_orders WHERE id = @Order", new { Order = order });
                            var command = await connection.QueryFirstOrDefaultAsync<(int Round, string UnitId)?>(
                                "SELECT round, unit_id FROM dispatch_commands WHERE work_order_id = @Order ORDER BY round DESC", new { Order = order });
                            detail.Add(await HistoryAsync(connection, order));
                            detail.Add($"{order}: log [{string.Join(", ", events.Select(e => $"{e.Seq} {e.Source}/{e.EventId}"))}], " +
                                $"table {row?.State ?? "none"}/{row?.DispatchCount}, command {command?.Round}/{command?.UnitId}, " +
                                $"answers [{string.Join(" | ", Answers.Where(a => a.StartsWith(order, StringComparison.Ordinal)))}]");
                        }
                        catch (Exception ex) when (ex is not OutOfMemoryException)
                        {
                            detail.Add($"{order}: could not read its rows ({ex.Message})");
                        }
                    }

                    // Whether the bus dead-lettered anything, and whether the tables still equal the log: the log missing the
                    // dispatch, or the tables missing what the log holds, are different faults.
                    var dead = await bus.GetDatabase().StreamRangeAsync($"{prefix}:feed:dead", "-", "+", 20);
                    detail.Add($"dead letters: {dead.Length} [{string.Join(" | ", dead.Select(d => string.Join(", ", d.Values.Select(v => $"{v.Name}={Truncate(v.Value.ToString())}"))))}]");
                    var (verifyExit, verifyOutput) = await WebProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = database }, "--verify-store");
                    detail.Add($"--verify-store exited {verifyExit}: {Truncate(verifyOutput, 2000)}");
                    Assert.Fail($"dispatched but not in the tables: {string.Join(", ", undispatched.Take(5))}\n{string.Join("\n", detail)}");
                }

                // Every entry on the bus was well formed and storable: none may end as a dead letter, which the log never holds.
                var deadLetters = await bus.GetDatabase().StreamRangeAsync($"{prefix}:feed:dead", "-", "+", 5);
                Assert.True(deadLetters.Length == 0, $"dead-lettered: {string.Join(" | ", deadLetters.Select(d => string.Join(", ", d.Values.Select(v => $"{v.Name}={Truncate(v.Value.ToString())}"))))}");
                Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM (SELECT source, event_id FROM feed_events GROUP BY source, event_id HAVING COUNT(*) > 1) d"));

                // The flow went through the field's workflow too: joint dispatches (the simulator's) and grid members'
                // visit tasks (given by the nodes' own rule for elderly residents' alarms), so their tables are checked below.
                Assert.True(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_order_units WHERE role = 'Assisting'") > 0);
                Assert.True(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM grid_tasks") > 0);

                // --verify-store: the tables equal the log replayed, row by row.
                var (exit, output) = await WebProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = database }, "--verify-store");
                if (exit != 0)
                {
                    // The orders that differ, as the log and the tables hold them: which event the projection saw differently.
                    var orders = System.Text.RegularExpressions.Regex.Matches(output, @"^(?:work_orders|work_order_timeline|dispatches|work_order_units) ([^#\s]+)",
                        System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value).Distinct().Take(3);
                    var histories = new List<string>();
                    foreach (var order in orders)
                    {
                        histories.Add(await HistoryAsync(connection, order));
                    }

                    Assert.Fail($"--verify-store exited {exit}:\n{output}\n{string.Join("\n", histories)}");
                }

                Assert.Contains("0 differences", output, StringComparison.Ordinal);

                // Both nodes show what the log alone gives.
                var rebuilt = await LogReplay.RebuildFromLogAsync(connection);
                var expected = Picture(rebuilt);
                foreach (var node in new[] { a, b })
                {
                    using var commander = await node.SignedInAsync("commander");
                    await Until(async () => await PictureAsync(commander) == expected, TimeSpan.FromSeconds(60),
                        () => $"{node.Address} shows the log's picture {expected}");
                    Assert.Equal(expected, await PictureAsync(commander));
                }
            }
            finally
            {
                await a.DisposeAsync();
                await b.DisposeAsync();
            }
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(database);
        }
    }

    /// <summary>Distinct tickets to the gateway until stopped; records the event ids answered 202 (errors while Redis is down are expected).</summary>
    private static async Task SendTicketsAsync(HttpClient gateway, int sender, ConcurrentDictionary<string, bool> accepted, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var id = $"LOG-{sender}-{i:D6}";
            try
            {
                using var response = await gateway.PostAsJsonAsync("/api/ingest/tickets", new
                {
                    id, source = "hotline12345", kind = "complaint", category = "06028", urgency = "normal",
                    description = $"夜间施工噪声扰民 {id}", jurisdiction = "320505001001001",
                }, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                    accepted[body.GetProperty("eventId").GetString()!] = true;
                    await Task.Delay(20, CancellationToken.None); // a busy hotline's pace, not a flood
                }
                else
                {
                    await Task.Delay(100, CancellationToken.None); // refused (bus down): a source backs off before it sends again
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    /// <summary>Dispatches open orders through both nodes in turn until stopped; records the orders a dispatch was answered for.</summary>
    private static readonly ConcurrentQueue<string> Answers = new();

    private static async Task DispatchAsync(IReadOnlyList<Func<WebProcess>> nodes, ConcurrentDictionary<string, bool> dispatched, CancellationToken stop)
    {
        var clients = new Dictionary<Uri, HttpClient>();
        var tried = new HashSet<string>(StringComparer.Ordinal); // an order in a state that takes no dispatch is not tried again
        try
        {
            for (var turn = 0; !stop.IsCancellationRequested; turn++)
            {
                var node = nodes[turn % nodes.Count]();
                try
                {
                    if (node.HasExited)
                    {
                        continue;
                    }

                    if (!clients.TryGetValue(node.Address, out var commander))
                    {
                        commander = clients[node.Address] = await node.SignedInAsync("commander");
                    }

                    var incidents = await commander.GetFromJsonAsync<JsonElement>("/api/incidents?scope=320505", CancellationToken.None);
                    var open = incidents.GetProperty("incidents").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)
                        .FirstOrDefault(id => !tried.Contains(id));
                    if (open is not null)
                    {
                        tried.Add(open);
                        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{Uri.EscapeDataString(open)}/dispatch");
                        request.Headers.Add("Idempotency-Key", $"log-test-{open.Replace('.', '_')}");
                        using var response = await commander.SendAsync(request, CancellationToken.None);
                        Answers.Enqueue($"{open}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                        if (response.IsSuccessStatusCode) // 201 dispatched now, 200 dispatched already
                        {
                            dispatched[open] = true;
                        }
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or JsonException)
                {
                    Answers.Enqueue(ex.Message);
                    clients.Remove(node.Address); // the node is down or restarting: sign in again next time
                }

                await Task.Delay(250, CancellationToken.None); // an operator's pace
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private static string Picture(SituationSnapshot snapshot) =>
        $"open {string.Join(",", snapshot.OpenOrders.Select(c => $"{c.Id.Value}:{JsonNamingPolicy.CamelCase.ConvertName(c.State.ToString())}").Order(StringComparer.Ordinal))}; " +
        $"counts {snapshot.Counts.TotalToday}/{snapshot.Counts.PendingSignOff}/{snapshot.Counts.InProgress}/{snapshot.Counts.ClosedToday}";

    private static async Task<string> PictureAsync(HttpClient commander)
    {
        var counts = (await commander.GetFromJsonAsync<JsonElement>("/api/kpis?scope=320505")).GetProperty("counts");
        var open = (await IncidentPages.AllAsync(commander, "scope=320505"))
            .Select(c => $"{c.GetProperty("id").GetString()}:{c.GetProperty("state").GetString()}").Order(StringComparer.Ordinal);
        return $"open {string.Join(",", open)}; counts {counts.GetProperty("totalToday").GetInt32()}/{counts.GetProperty("pendingSignOff").GetInt32()}/" +
            $"{counts.GetProperty("inProgress").GetInt32()}/{counts.GetProperty("closedToday").GetInt32()}";
    }

    private static async Task<bool> OutboxEmptyAsync(StoreSet stores)
    {
        await using var connection = await stores.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE published_at_ms IS NULL") == 0;
    }

    private static async Task<string?> HolderAsync(StoreSet stores)
    {
        await using var connection = await stores.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<string?>("SELECT holder FROM projection_marks WHERE name = 'tables'");
    }

    private static async Task<long> MarkAsync(StoreSet stores) => await stores.Tables.ProjectedUpToAsync(CancellationToken.None);

    /// <summary>The log position of the durable stream's newest entry.</summary>
    private static async Task<long> LastEntryAsync(ConnectionMultiplexer redis, string stream)
    {
        var last = await redis.GetDatabase().StreamRangeAsync(stream, "-", "+", 1, Order.Descending);
        return last.Length == 0 ? 0 : StreamId.Parse(last[0].Id.ToString()).ToPosition() ?? 0;
    }

    /// <summary>An order's events in log order (with when each was stored) and its stored timeline.</summary>
    private static async Task<string> HistoryAsync(System.Data.Common.DbConnection connection, string order)
    {
        var events = await connection.QueryAsync<(long Seq, long ReceivedAtMs, string Source, string EventId, string Kind, string Payload)>(
            "SELECT seq, received_at_ms, source, event_id, kind, payload::text FROM feed_events WHERE work_order_id = @Order ORDER BY seq", new { Order = order });
        var timeline = await connection.QueryAsync<(int Ordinal, long AtMs, string Actor, string Action, string FromState, string ToState)>(
            "SELECT ordinal, at_ms, actor, action, from_state, to_state FROM work_order_timeline WHERE work_order_id = @Order ORDER BY ordinal", new { Order = order });
        var mark = await connection.ExecuteScalarAsync<long>("SELECT position FROM projection_marks WHERE name = 'tables'");
        return $"{order} (mark {mark}):\n  log: {string.Join("\n       ", events.Select(e => $"{e.Seq} stored {e.ReceivedAtMs} {e.Source}/{e.EventId} {e.Kind} {Truncate(e.Payload, 240)}"))}" +
            $"\n  timeline: {string.Join("\n            ", timeline.Select(t => $"#{t.Ordinal} {t.AtMs} {t.Actor} {t.Action} {t.FromState}→{t.ToState}"))}";
    }

    private static string Truncate(string text, int max = 300) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>Polls a condition until it holds, with a loose deadline.</summary>
    private static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {timeout.TotalSeconds} s: {what()}");
            await Task.Delay(100);
        }
    }
}

/// <summary>Two real app processes, the gateway and a private Redis: run alone, not beside other tests on two cores.</summary>
[CollectionDefinition(nameof(ScaleOutLogTests), DisableParallelization = true)]
public sealed class ScaleOutLogRunsAlone;
