using System.Data.Common;
using System.Diagnostics;
using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Simulator;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Storage;
using Dapper;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Cold start to a current wall over a long record: a store holding <c>orders</c> work orders of which <c>open</c> are open,
/// then a web node started on it (Release build, simulator off) and timed from spawn to <c>/healthz</c> healthy and to a hub
/// subscriber's snapshot counting every open order. On PostgreSQL (with the embedded bus) and on SQLite (the embedded default).
/// </summary>
/// <remarks>
/// The record is built from 72 simulated hours stored as the persister stores them (log, then tables). Orders closed before
/// today are copied back in time until the store holds the number asked for; open orders are copied (same times, new ids,
/// their events' payloads re-keyed) until the number open is reached. Every copy goes to the log and to the order tables
/// (work_orders, timeline, dispatches, units), so the node's start reads the same indexes and row counts a city's store has.
/// </remarks>
internal static class ColdStartBenchmark
{
    private const int Starts = 3;

    public static async Task<int> RunAsync(int orders, int open, string which, bool keep)
    {
        Console.WriteLine($"CommandCenter cold-start benchmark · {Environment.ProcessorCount} cores · {DateTime.UtcNow:u}");
        Console.WriteLine($"target: {orders:N0} stored orders, {open:N0} open; {Starts} starts each");
        var district = DemoDistrict.Build();
        var now = DateTimeOffset.UtcNow;
        var events = new DistrictSimulator(district, new SimulatorOptions { BackfillHours = 72 }, now).Advance(now);
        var startOfDay = district.Edition.Data.Sla.Calendar.StartOfDay(now);
        var rows = new List<string>();

        if (which is "postgres" or "both")
        {
            var server = Environment.GetEnvironmentVariable("CC_TEST_POSTGRES") ?? throw new InvalidOperationException("CC_TEST_POSTGRES is not set; run through ./test.sh --run …");
            var database = await StoreBenchmark.CreateDatabaseAsync(server);
            await using var dataSource = NpgsqlDataSource.Create(database);
            var postgres = new PostgresDatabase(dataSource, TimeProvider.System);
            var stored = await SeedAsync("PostgreSQL", postgres, district, events, orders, open, startOfDay);
            rows.AddRange(await TimeStartsAsync("PostgreSQL", stored, $"--ConnectionStrings:Postgres={database}"));
        }

        if (which is "sqlite" or "both")
        {
            // --keep: the seeded file stays (and is used again by the next run asking for the same record, on the same day).
            var path = Path.Combine(Path.GetTempPath(), keep ? $"cc-coldstart-{orders}-{open}-{startOfDay:yyyyMMdd}.db" : $"cc-coldstart-{Guid.NewGuid():N}.db");
            try
            {
                var sqlite = new SqliteDatabase(path, TimeProvider.System);
                var kept = keep && File.Exists(path);
                var stored = kept ? await CountAsync(sqlite) : await SeedAsync("SQLite", sqlite, district, events, orders, open, startOfDay);
                if (kept)
                {
                    Console.WriteLine($"SQLite: the kept {path}: {stored.Orders:N0} orders ({stored.Open:N0} open), {stored.Events:N0} events");
                }

                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                rows.AddRange(await TimeStartsAsync("SQLite", stored, $"--Storage:SqlitePath={path}"));
            }
            finally
            {
                foreach (var file in keep ? [] : new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| store | orders stored | open | events in the log | start → healthy | start → current wall |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return 0;
    }

    /// <summary>What the seeded store holds.</summary>
    private sealed record Stored(long Orders, long Open, long Events);

    private static async Task<Stored> SeedAsync(string name, Database database, DemoDistrict district, IReadOnlyList<FeedEvent> events,
        int orders, int open, DateTimeOffset startOfDay)
    {
        var clock = Stopwatch.StartNew();
        await new StoreMigrations(database).MigrateAsync(CancellationToken.None);
        await StoreBenchmark.PersistAsync(new CommandCenter.Web.Storage.EventLog(database), new ProjectedTables(database), district, events);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var since = startOfDay.ToUnixTimeMilliseconds();
        var templateOpen = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders WHERE is_open = 1");
        var templateClosed = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders WHERE is_open = 0 AND last_changed_at_ms < @since", new { since });
        var templateAll = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders");
        Console.WriteLine($"{name}: 72 simulated hours stored ({templateAll:N0} orders, {templateOpen:N0} open, {templateClosed:N0} closed before today) in {clock.Elapsed.TotalSeconds:0.0} s");
        var postgres = database is PostgresDatabase;
        var cloner = new OrderCloner(connection, postgres);
        await cloner.PrepareAsync();

        // Open orders: copies at the same times (still open now), until the number open is reached.
        var openCopies = (int)Math.Max(0, open - templateOpen);
        if (openCopies > 0 && templateOpen > 0)
        {
            var rounds = (int)((openCopies + templateOpen - 1) / templateOpen);
            await cloner.MapAsync($"""
                SELECT w.id, w.id || '-o' || n.c, '-o' || n.c, 0 FROM clone_template w, n
                WHERE w.is_open = 1
                ORDER BY n.c, w.id LIMIT {openCopies}
                """, rounds);
            await cloner.CopyAsync();
            Console.WriteLine($"  {openCopies:N0} open orders copied ({clock.Elapsed.TotalSeconds:0.0} s)");
        }

        // History: orders closed before today, copied back in steps of three days, a batch of copies at a time.
        var all = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders");
        const long ThreeDays = 3L * 24 * 3600 * 1000;
        var copy = 0;
        while (all < orders && templateClosed > 0)
        {
            var batch = (int)Math.Min(40, (orders - all + templateClosed - 1) / templateClosed);
            var limit = orders - all;
            await cloner.MapAsync($"""
                SELECT w.id, w.id || '-h' || (n.c + {copy}), '-h' || (n.c + {copy}), CAST(n.c + {copy} AS bigint) * {ThreeDays} FROM clone_template w, n
                WHERE w.is_open = 0 AND w.last_changed_at_ms < {since}
                ORDER BY n.c, w.id LIMIT {limit}
                """, batch);
            await cloner.CopyAsync();
            copy += batch;
            all = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders");
            Console.WriteLine($"  history: {all:N0} orders ({clock.Elapsed.TotalSeconds:0.0} s)");
        }

        // The copies went into the log after the tables' mark: move it to the log's end, as the projection would have.
        await connection.ExecuteAsync("UPDATE projection_marks SET position = (SELECT MAX(seq) FROM feed_events) WHERE name = @name",
            new { name = ProjectedTables.TablesMark });
        await connection.ExecuteAsync(postgres ? "ANALYZE feed_events; ANALYZE work_orders" : "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
        var stored = await CountAsync(database);
        Console.WriteLine($"{name}: seeded {stored.Orders:N0} orders ({stored.Open:N0} open), {stored.Events:N0} events in {clock.Elapsed.TotalSeconds:0.0} s");
        return stored;
    }

    private static async Task<Stored> CountAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var stored = new Stored(
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_orders WHERE is_open = 1"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM feed_events"));
        return stored;
    }

    /// <summary>Starts a node on the seeded store <see cref="Starts"/> times; times healthy and a current hub snapshot.</summary>
    private static async Task<IReadOnlyList<string>> TimeStartsAsync(string name, Stored stored, string storeSetting)
    {
        var healthy = new List<double>();
        var current = new List<double>();
        for (var i = 0; i < Starts; i++)
        {
            var clock = Stopwatch.StartNew();
            Console.WriteLine($"{name} start {i + 1} at {DateTime.UtcNow:HH:mm:ss.fff}");
            await using var node = await ChildProcess.StartDirectAsync("CommandCenter.Web", storeSetting, "--Simulator:Enabled=false",
                $"--Logging:LogLevel:Default={Environment.GetEnvironmentVariable("CC_CHILD_LOG_LEVEL") ?? "Warning"}");
            healthy.Add(clock.Elapsed.TotalSeconds);
            await using var hub = await PipelineBenchmark.ConnectAsync(node.Address);
            var connected = clock.Elapsed.TotalSeconds;
            var snapshot = await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), "320505");
            current.Add(clock.Elapsed.TotalSeconds);
            if (snapshot.Kpis.Open != stored.Open)
            {
                throw new InvalidOperationException($"{name}: the wall counts {snapshot.Kpis.Open:N0} open orders, the store {stored.Open:N0}");
            }

            Console.WriteLine($"{name} start {i + 1}: healthy {healthy[^1]:0.00} s, hub connected {connected:0.00} s, current wall ({snapshot.Kpis.Open:N0} open) {current[^1]:0.00} s");
        }

        return [$"| {name} | {stored.Orders:N0} | {stored.Open:N0} | {stored.Events:N0} | {Median(healthy):0.00} s (max {healthy.Max():0.00}) | {Median(current):0.00} s (max {current.Max():0.00}) |"];
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>
    /// Copies orders by SQL inside the store: a map of old to new ids (with a time shift) first, then every table keyed by the
    /// order, column by column (ids re-keyed, <c>*_ms</c> times shifted, the log's event ids and payloads re-keyed).
    /// </summary>
    private sealed class OrderCloner(DbConnection connection, bool postgres)
    {
        private static readonly string[] Tables = ["work_orders", "feed_events", "work_order_timeline", "dispatches", "work_order_units"];
        private readonly Dictionary<string, List<string>> _columns = [];

        public async Task PrepareAsync()
        {
            foreach (var table in Tables)
            {
                _columns[table] = [.. await connection.QueryAsync<string>(postgres
                    ? "SELECT column_name FROM information_schema.columns WHERE table_name = @table AND table_schema = current_schema() ORDER BY ordinal_position"
                    : "SELECT name FROM pragma_table_info(@table) ORDER BY cid", new { table })];
            }

            await connection.ExecuteAsync("CREATE TEMP TABLE clone_template AS SELECT id, is_open, last_changed_at_ms FROM work_orders");
            await connection.ExecuteAsync("CREATE TEMP TABLE clone_map (old_id text NOT NULL, new_id text NOT NULL, suffix text NOT NULL, shift_ms bigint NOT NULL)");
        }

        /// <summary>Fills the map from <paramref name="select"/>, which may read <c>n(c)</c>, the numbers 1 to <paramref name="rounds"/>.</summary>
        public async Task MapAsync(string select, int rounds)
        {
            await connection.ExecuteAsync("DELETE FROM clone_map");
            await connection.ExecuteAsync($"""
                INSERT INTO clone_map (old_id, new_id, suffix, shift_ms)
                WITH RECURSIVE n(c) AS (SELECT 1 UNION ALL SELECT c + 1 FROM n WHERE c < {rounds})
                {select}
                """, commandTimeout: 0);
        }

        public async Task CopyAsync()
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var table in Tables)
            {
                var key = table == "work_orders" ? "id" : "work_order_id";
                var columns = _columns[table].Where(c => !(table == "feed_events" && c == "seq")).ToList();
                var values = columns.Select(c => Expression(table, key, c));
                var order = table == "feed_events" ? "ORDER BY m.new_id, t.seq" : "";
                await connection.ExecuteAsync($"""
                    INSERT INTO {table} ({string.Join(", ", columns)})
                    SELECT {string.Join(", ", values)} FROM {table} t JOIN clone_map m ON t.{key} = m.old_id {order}
                    """, transaction: transaction, commandTimeout: 0);
            }

            await transaction.CommitAsync();
        }

        private string Expression(string table, string key, string column) => column switch
        {
            _ when column == key => "m.new_id",
            "event_id" => "t.event_id || m.suffix",
            "payload" when postgres => """jsonb_set(replace(t.payload::text, '"' || t.work_order_id || '"', '"' || m.new_id || '"')::jsonb, '{id}', to_jsonb((t.payload->>'id') || m.suffix))""",
            "payload" => """json_set(replace(t.payload, '"' || t.work_order_id || '"', '"' || m.new_id || '"'), '$.id', json_extract(t.payload, '$.id') || m.suffix)""",
            _ when column.EndsWith("_ms", StringComparison.Ordinal) => $"t.{column} - m.shift_ms",
            _ => $"t.{column}",
        };
    }
}
