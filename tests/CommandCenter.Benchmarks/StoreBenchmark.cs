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
    public static async Task<int> RunAsync(int historicalOrders)
    {
        var district = DemoDistrict.Build();
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine($"CommandCenter store benchmark · {Environment.ProcessorCount} cores · {DateTime.UtcNow:u}");

        var events = new DistrictSimulator(district, new SimulatorOptions { BackfillHours = 72 }, now).Advance(now);
        var durable = events.Count(e => e.Lane == FeedLane.Durable);
        Console.WriteLine($"input: 72 h of the demo district, {events.Count:N0} events ({durable:N0} durable)");

        // Durable commits: a private PostgreSQL with fsync on (the test script's runs with fsync off).
        await using var durableServer = await Web.Tests.Storage.PrivatePostgres.StartAsync(fsync: true);
        var database = await CreateDatabaseAsync(durableServer.ConnectionString);
        await using var dataSource = NpgsqlDataSource.Create(database);
        var postgres = new PostgresDatabase(dataSource, TimeProvider.System);
        await new StoreMigrations(postgres).MigrateAsync(CancellationToken.None);
        await Throughput("PostgreSQL", new CommandCenter.Web.Storage.EventLog(postgres), new CommandCenter.Web.Storage.ProjectedTables(postgres), district, events, durable);

        var sqlitePath = Path.Combine(Path.GetTempPath(), $"cc-bench-{Guid.NewGuid():N}.db");
        var sqlite = new SqliteDatabase(sqlitePath, TimeProvider.System);
        await new StoreMigrations(sqlite).MigrateAsync(CancellationToken.None);
        await Throughput("SQLite", new CommandCenter.Web.Storage.EventLog(sqlite), new CommandCenter.Web.Storage.ProjectedTables(sqlite), district, events, durable);

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

    private static async Task Throughput(string name, IEventLog store, IProjectedTables tables, DemoDistrict district, IReadOnlyList<FeedEvent> events,
        int durable)
    {
        var projector = new StateProjector(new CommandCenter.Feeds.Reference.ReferenceBook(district.Edition), TimeProvider.System);
        var clock = Stopwatch.StartNew();
        long mark = 0;
        TimeSpan log = default, project = default, write = default;
        foreach (var batch in events.Chunk(1000))
        {
            // As the app does it: commit to the log, then project into the tables and move their mark.
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

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{name,-11} store throughput: {durable / seconds,8:N0} durable events/s ({durable:N0} in {seconds:0.0} s, batches of 1,000, with projected tables)");
        Console.WriteLine($"{"",-11} log {log.TotalSeconds:0.0} s ({durable / log.TotalSeconds:N0}/s) · projection {project.TotalSeconds:0.0} s · tables {write.TotalSeconds:0.0} s");
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
        var name = $"cc_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
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
