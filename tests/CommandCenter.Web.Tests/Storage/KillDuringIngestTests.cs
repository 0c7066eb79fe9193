using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Domain.Situation;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Host;
using Dapper;
using Npgsql;

namespace CommandCenter.Web.Tests.Storage;

/// <summary>
/// 202 means durable on the in-process bus: tickets flood a real app process, which is SIGKILLed mid-flood and
/// restarted on the same store. Every ticket that was answered 202 must be in the log exactly once, the tables must
/// catch up with the log, and the restarted wall must equal a wall rebuilt from the log alone.
/// </summary>
public sealed class KillDuringIngestTests
{
    private const int Senders = 16;
    private const int AcceptedBeforeKill = 1500;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_ticket_answered_202_is_stored_once_after_the_app_is_killed_mid_flood(string dialect)
    {
        var (settings, database, drop) = await StoreAsync(dialect);
        try
        {
            var accepted = new ConcurrentDictionary<string, string>(); // event id → order id
            await using (var app = await WebProcess.StartAsync(settings))
            {
                using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
                var floods = Enumerable.Range(0, Senders).Select(sender => FloodAsync(http, sender, accepted)).ToList();
                await Until(() => Task.FromResult(accepted.Count >= AcceptedBeforeKill || floods.All(f => f.IsCompleted)), TimeSpan.FromSeconds(120));
                await app.KillAsync();
                await Task.WhenAll(floods); // each sender stops at its first refused connection
            }

            Assert.True(accepted.Count >= AcceptedBeforeKill, $"only {accepted.Count} tickets accepted before the kill");
            await using var again = await WebProcess.StartAsync(settings);
            var stores = new StoreSet(database);
            await Until(async () => await MarkAsync(stores) == await LastPositionAsync(stores), TimeSpan.FromSeconds(120));

            await using var connection = await stores.OpenAsync(CancellationToken.None);
            var logged = (await connection.QueryAsync<(string EventId, long Count)>(
                "SELECT event_id, COUNT(*) FROM feed_events WHERE source <> 'reference' GROUP BY event_id")).ToDictionary(r => r.EventId, r => r.Count);
            var missing = accepted.Keys.Where(id => !logged.ContainsKey(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {accepted.Count} accepted tickets lost, e.g. {string.Join(", ", missing.Take(5))}");
            Assert.All(logged, r => Assert.Equal(1, r.Value));
            Assert.Equal(logged.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders"));
            Assert.Equal(logged.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_order_timeline"));

            // The wall of the restarted app equals the wall the log alone gives.
            var rebuilt = await LogReplay.RebuildFromLogAsync(connection);
            using var commander = await again.SignedInAsync("commander");
            var shown = (await IncidentPages.AllAsync(commander, "scope=320505"))
                .Select(c => (Id: c.GetProperty("id").GetString()!, State: c.GetProperty("state").GetString()!)).Order().ToList();
            Assert.Equal(rebuilt.OpenOrders.Select(c => (Id: c.Id.Value, State: JsonNamingPolicy.CamelCase.ConvertName(c.State.ToString()))).Order(), shown);
            Assert.Equal(logged.Count, shown.Count);
            var counts = (await commander.GetFromJsonAsync<JsonElement>("/api/kpis?scope=320505")).GetProperty("counts");
            Assert.Equal((rebuilt.Counts.TotalToday, rebuilt.Counts.PendingSignOff, rebuilt.Counts.InProgress, rebuilt.Counts.ClosedToday),
                (counts.GetProperty("totalToday").GetInt32(), counts.GetProperty("pendingSignOff").GetInt32(),
                    counts.GetProperty("inProgress").GetInt32(), counts.GetProperty("closedToday").GetInt32()));
        }
        finally
        {
            await drop();
        }
    }

    /// <summary>Posts distinct tickets until the app stops answering; records those answered 202.</summary>
    private static async Task FloodAsync(HttpClient http, int sender, ConcurrentDictionary<string, string> accepted)
    {
        for (var i = 0; i < 100_000; i++)
        {
            var id = $"KILL-{sender:D2}-{i:D6}";
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/tickets")
                {
                    Content = JsonContent.Create(new
                    {
                        id, source = "hotline12345", kind = "complaint", category = "06028", urgency = "normal",
                        description = $"夜间施工噪声扰民 {id}", jurisdiction = "320505001001001",
                    }),
                };
                request.Headers.Add("X-Api-Key", "cc-demo-ingest-key");
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    accepted[body.GetProperty("eventId").GetString()!] = id;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                return; // the app is gone
            }
        }
    }

    private static async Task<long> MarkAsync(StoreSet stores) => await stores.Tables.ProjectedUpToAsync(CancellationToken.None);

    private static async Task<long> LastPositionAsync(StoreSet stores)
    {
        await using var connection = await stores.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long?>("SELECT MAX(seq) FROM feed_events") ?? 0;
    }

    /// <summary>Polls a condition until it holds, with a loose deadline.</summary>
    private static async Task Until(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {timeout.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    private static async Task<(Dictionary<string, string> Settings, Database Database, Func<Task> Drop)> StoreAsync(string dialect)
    {
        if (dialect == "sqlite")
        {
            var path = TestDatabases.NewSqlitePath();
            return (new() { ["Storage__SqlitePath"] = path }, new SqliteDatabase(path, TimeProvider.System), () =>
            {
                foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
                {
                    File.Delete(file);
                }

                return Task.CompletedTask;
            });
        }

        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        return (new() { ["ConnectionStrings__Postgres"] = connectionString },
            new PostgresDatabase(new NpgsqlDataSourceBuilder(connectionString).Build(), TimeProvider.System),
            () => TestDatabases.DropPostgresDatabaseAsync(connectionString));
    }
}
