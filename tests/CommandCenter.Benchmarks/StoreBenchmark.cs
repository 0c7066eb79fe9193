using System.Diagnostics;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Sla;
using CommandCenter.Feeds.Simulator;
using CommandCenter.Web.Storage;
using Dapper;
using Npgsql;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Store throughput (durable events persisted per second, through the same path as the persister) on
/// PostgreSQL and SQLite, and briefing latency over a long history of work orders on PostgreSQL.
/// </summary>
internal static class StoreBenchmark
{
    /// <param name="historicalOrders">Orders for the briefing's latency (0: no briefing run).</param>
    /// <param name="dbProfile">Print PostgreSQL's own statistics after each run: statement time and WAL syncs.</param>
    public static async Task<int> RunAsync(int historicalOrders, bool dbProfile = false)
    {
        var district = DemoDistrict.Build();
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine($"CommandCenter store benchmark · {Environment.ProcessorCount} cores · {DateTime.UtcNow:u}");

        var events = new DistrictSimulator(district, new SimulatorOptions { BackfillHours = 72 }, now).Advance(now);
        var durable = events.Count(e => e.Lane == FeedLane.Durable);
        Console.WriteLine($"input: 72 h of the demo district, {events.Count:N0} events ({durable:N0} durable)");

        // Durable commits: a private PostgreSQL with fsync on (the test script's runs with fsync off).
        await using var durableServer = await Web.Tests.Storage.PrivatePostgres.StartAsync(fsync: true, dbProfile ? ServerProfile.Settings : "");
        var database = await CreateDatabaseAsync(durableServer.ConnectionString);
        await using var dataSource = NpgsqlDataSource.Create(database);
        var postgres = new PostgresDatabase(dataSource, TimeProvider.System);
        await new StoreMigrations(postgres).MigrateAsync(CancellationToken.None);
        await Profiled(dbProfile, database, () => Throughput("PostgreSQL", new CommandCenter.Web.Storage.EventLog(postgres),
            new CommandCenter.Web.Storage.ProjectedTables(postgres), district, events, durable));
        var pipelinedDatabase = await CreateDatabaseAsync(durableServer.ConnectionString);
        await using (var pipelinedSource = NpgsqlDataSource.Create(pipelinedDatabase))
        {
            var pipelined = new PostgresDatabase(pipelinedSource, TimeProvider.System);
            await new StoreMigrations(pipelined).MigrateAsync(CancellationToken.None);
            await Profiled(dbProfile, pipelinedDatabase, () => Pipelined("PostgreSQL", pipelined, district, events, durable));
        }

        await DropDatabaseAsync(durableServer.ConnectionString, pipelinedDatabase);

        var sqlitePath = Path.Combine(Path.GetTempPath(), $"cc-bench-{Guid.NewGuid():N}.db");
        var sqlite = new SqliteDatabase(sqlitePath, TimeProvider.System);
        await new StoreMigrations(sqlite).MigrateAsync(CancellationToken.None);
        await Throughput("SQLite", new CommandCenter.Web.Storage.EventLog(sqlite), new CommandCenter.Web.Storage.ProjectedTables(sqlite), district, events, durable);
        var pipelinedPath = Path.Combine(Path.GetTempPath(), $"cc-bench-{Guid.NewGuid():N}.db");
        var pipelinedSqlite = new SqliteDatabase(pipelinedPath, TimeProvider.System);
        await new StoreMigrations(pipelinedSqlite).MigrateAsync(CancellationToken.None);
        await Pipelined("SQLite", pipelinedSqlite, district, events, durable);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(pipelinedPath);

        if (historicalOrders == 0)
        {
            File.Delete(sqlitePath);
            await DropDatabaseAsync(durableServer.ConnectionString, database);
            return 0;
        }

        Console.WriteLine($"loading {historicalOrders:N0} historical work orders with COPY …");
        var clock = Stopwatch.StartNew();
        var (first, last) = await HistoricalOrders.CopyAsync(dataSource, district, historicalOrders, now.AddDays(-3));
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("ANALYZE work_orders");
        }

        Console.WriteLine($"  loaded in {clock.Elapsed.TotalSeconds:0.0} s, {first:yyyy-MM-dd} to {last:yyyy-MM-dd}");
        var day = district.Edition.Data.Sla.Calendar.StartOfDay(last.AddDays(-1));
        var districtCode = district.Tree.Root.Code;
        var street = JurisdictionCode.From("320505001");
        await Briefing("district, one day", new BriefingStore(postgres), districtCode, day, day.AddDays(1), now, district);
        await Briefing("district, one week", new BriefingStore(postgres), districtCode, day.AddDays(-6), day.AddDays(1), now, district);
        await Briefing("street, one day", new BriefingStore(postgres), street, day, day.AddDays(1), now, district);
        await Briefing("district, 30 days", new BriefingStore(postgres), districtCode, day.AddDays(-29), day.AddDays(1), now, district);

        File.Delete(sqlitePath);
        await DropDatabaseAsync(durableServer.ConnectionString, database);
        return 0;
    }

    private static async Task Profiled(bool dbProfile, string database, Func<Task> run)
    {
        if (dbProfile)
        {
            await ServerProfile.ResetAsync(database);
        }

        var clock = Stopwatch.StartNew();
        await run();
        if (dbProfile)
        {
            await ServerProfile.PrintAsync(database, clock.Elapsed.TotalSeconds);
        }
    }

    private static async Task Throughput(string name, IEventLog store, IProjectedTables tables, DemoDistrict district, IReadOnlyList<FeedEvent> events,
        int durable)
    {
        var clock = Stopwatch.StartNew();
        var (log, project, write) = await PersistAsync(store, tables, district, events);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{name,-11} store throughput: {durable / seconds,8:N0} durable events/s ({durable:N0} in {seconds:0.0} s, batches of 1,000, with projected tables)");
        Console.WriteLine($"{"",-11} log {log.TotalSeconds:0.0} s ({durable / log.TotalSeconds:N0}/s) · projection {project.TotalSeconds:0.0} s · tables {write.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// As a node runs it: the log written in batches of 1,000 (the persister) while the tables follow it, reading the log after
    /// their mark in batches of the store's <see cref="StoreOptions.ProjectionBatchSize"/> default (the log projector), each on its own connection.
    /// </summary>
    private static async Task Pipelined(string name, Database database, DemoDistrict district, IReadOnlyList<FeedEvent> events, int durable)
    {
        var store = new CommandCenter.Web.Storage.EventLog(database);
        IProjectedTables tables = new ProjectedTables(database);
        var projector = new StateProjector(new CommandCenter.Feeds.Reference.ReferenceBook(district.Edition), TimeProvider.System);
        var projectionBatch = database is PostgresDatabase ? StoreOptions.PostgresProjectionBatch : StoreOptions.SqliteProjectionBatch;
        long written = 0;
        var done = false;
        var clock = Stopwatch.StartNew();
        var writer = Task.Run(async () =>
        {
            foreach (var batch in events.Chunk(1000))
            {
                var stored = await store.AppendAsync(batch, CancellationToken.None);
                if (stored.Count > 0)
                {
                    Volatile.Write(ref written, stored[^1].Seq);
                }
            }

            Volatile.Write(ref done, true);
        });
        long mark = 0;
        var logDone = TimeSpan.Zero;
        while (true)
        {
            var finished = Volatile.Read(ref done); // read before the position: once finished, the position is final
            var upTo = Volatile.Read(ref written);
            if (finished && logDone == TimeSpan.Zero)
            {
                logDone = clock.Elapsed;
            }

            if (upTo > mark)
            {
                var batch = await store.ReadAsync(mark, upTo, projectionBatch, CancellationToken.None);
                var changes = await projector.ProjectAsync(batch, new History(store));
                await tables.ApplyAsync(changes, mark, batch[^1].Seq, CancellationToken.None);
                mark = batch[^1].Seq;
            }
            else if (finished)
            {
                break;
            }
            else
            {
                await Task.Delay(1);
            }
        }

        await writer;
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{name,-11} as a node runs it: {durable / seconds,8:N0} durable events/s (log and tables concurrently; log done at {logDone.TotalSeconds:0.0} s, tables at {seconds:0.0} s, projection batches of {projectionBatch})");
    }

    /// <summary>As the app stores: each batch of 1,000 committed to the log, then projected into the tables and their mark moved.</summary>
    internal static async Task<(TimeSpan Log, TimeSpan Project, TimeSpan Write)> PersistAsync(IEventLog store, IProjectedTables tables,
        DemoDistrict district, IReadOnlyList<FeedEvent> events)
    {
        var projector = new StateProjector(new CommandCenter.Feeds.Reference.ReferenceBook(district.Edition), TimeProvider.System);
        long mark = 0;
        TimeSpan log = default, project = default, write = default;
        foreach (var batch in events.Chunk(1000))
        {
            var step = Stopwatch.GetTimestamp();
            var stored = await store.AppendAsync(batch, CancellationToken.None);
            log += Stopwatch.GetElapsedTime(step);
            if (stored.Count > 0)
            {
                step = Stopwatch.GetTimestamp();
                var changes = await projector.ProjectAsync(stored, new History(store));
                project += Stopwatch.GetElapsedTime(step);
                step = Stopwatch.GetTimestamp();
                await tables.ApplyAsync(changes, mark, stored[^1].Seq, CancellationToken.None);
                write += Stopwatch.GetElapsedTime(step);
                mark = stored[^1].Seq;
            }
        }

        return (log, project, write);
    }

    private sealed class History(IEventLog log) : IOrderHistory
    {
        public Task<IReadOnlyList<FeedEvent>> EventsOfAsync(string workOrderId, long before) =>
            log.EventsOfOrderAsync(workOrderId, before, CancellationToken.None);
    }

    private static async Task Briefing(string label, IBriefingQueries store, JurisdictionCode scope, DateTimeOffset from, DateTimeOffset to,
        DateTimeOffset now, DemoDistrict district)
    {
        var timings = new List<double>();
        CommandCenter.Domain.Briefings.Briefing? result = null;
        for (var i = 0; i < 21; i++)
        {
            var clock = Stopwatch.StartNew();
            result = await store.BriefingAsync(scope, from, to, now, district.Edition.Data, CancellationToken.None);
            timings.Add(clock.Elapsed.TotalMilliseconds);
        }

        timings = [.. timings.Skip(1).Order()];
        Console.WriteLine($"briefing {label,-18}: median {timings[timings.Count / 2],6:0.0} ms, max {timings[^1],6:0.0} ms " +
            $"({result!.Reported:N0} orders, {result.ByCategory.Count} categories, {result.OverdueOrders.Count} overdue listed)");
    }

    internal static async Task<string> CreateDatabaseAsync(string server)
    {
        var name = $"cc_bench_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..6]}";
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(database).Database} WITH (FORCE)");
    }
}
