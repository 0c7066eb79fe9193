using Npgsql;

namespace CommandCenter.Web.Storage;

public static class StorageSetup
{
    /// <summary>The store (PostgreSQL when ConnectionStrings:Postgres is set, else SQLite), migrations, the persister.</summary>
    public static IHostApplicationBuilder AddCommandCenterStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section)
            .Validate(o => o.BatchSize is > 0 and <= 100_000, "Storage:BatchSize must be 1–100000")
            .Validate(o => o.ProjectionBatchSize is null or (> 0 and <= 100_000), "Storage:ProjectionBatchSize must be 1–100000")
            .Validate(o => o.TelemetryRetentionDays is > 0 and <= 3650, "Storage:TelemetryRetentionDays must be 1–3650")
            .ValidateOnStart();
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        var sqlitePath = builder.Configuration[$"{StoreOptions.Section}:SqlitePath"];
        var defaultSqlite = Path.Combine(builder.Environment.ContentRootPath, "App_Data", "commandcenter.db");
        services.PostConfigure<StoreOptions>(o => o.ProjectionBatchSize ??=
            string.IsNullOrWhiteSpace(postgres) ? StoreOptions.SqliteProjectionBatch : StoreOptions.PostgresProjectionBatch);

        services.AddSingleton<Database>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            if (string.IsNullOrWhiteSpace(postgres))
            {
                return new SqliteDatabase(string.IsNullOrWhiteSpace(sqlitePath) ? defaultSqlite : sqlitePath, time);
            }

            NpgsqlDataSourceBuilder dataSource;
            try
            {
                dataSource = new NpgsqlDataSourceBuilder(postgres);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException($"ConnectionStrings:Postgres is not a valid connection string: {ex.Message}", ex);
            }

            dataSource.ConnectionStringBuilder.ApplicationName ??= "CommandCenter";
            return new PostgresDatabase(dataSource.Build(), time);
        });
        // One store per concern, each behind its own interface; all share the one Database (dialect and pool).
        services.AddSingleton<IStoreMigrations, StoreMigrations>();
        services.AddSingleton<IEventLog, EventLog>();
        services.AddSingleton<IProjectedTables, ProjectedTables>();
        services.AddSingleton<IDispatchStore, DispatchStore>();
        // The app writes through the flood gate; the store itself is only reached through it.
        services.AddSingleton(sp => new FloodGatedAuditLog(ActivatorUtilities.CreateInstance<AuditStore>(sp),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FloodGatedAuditLog>>()));
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<FloodGatedAuditLog>());
        services.AddHostedService(sp => sp.GetRequiredService<FloodGatedAuditLog>());
        services.AddSingleton<IAccountStore, AccountStore>();
        services.AddSingleton<ISessionStore, SessionStore>();
        services.AddSingleton<IBriefingQueries, BriefingStore>();
        services.AddSingleton<IDeadLetterStore, StoreIngestDeadLetters>();
        services.AddSingleton<Feeds.Ingest.IIngestDeadLetters>(sp => sp.GetRequiredService<IDeadLetterStore>());
        services.AddSingleton<StoreVerifier>();
        services.AddSingleton<TelemetryRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryRetention>());
        services.AddSingleton<StoreGate>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreGate>());
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
        {
            // In-process bus: the store's log is the bus's backbone. An event is accepted once committed to the log, then
            // projected into the tables from the log (registered before the feeds' in-memory fallback, which it replaces).
            services.AddSingleton<Feeds.Bus.IFeedLog, StoreFeedLog>();
            services.AddSingleton(sp => new Feeds.Bus.LoggedFeedBus(sp.GetRequiredService<Feeds.Bus.IFeedLog>(),
                sp.GetRequiredService<ILogger<Feeds.Bus.LoggedFeedBus>>()));
            services.AddSingleton<Feeds.Bus.IFeedBus>(sp => sp.GetRequiredService<Feeds.Bus.LoggedFeedBus>());
            services.AddSingleton<Feeds.Bus.ILogFrontier>(sp => new Feeds.Bus.CommittedLogFrontier(sp.GetRequiredService<Feeds.Bus.LoggedFeedBus>()));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<LogProjector>(sp));
        }
        else
        {
            // Redis: the durable stream orders the log. The shared persister group stores it (each node a share, each event
            // at its stream position); the projection follows the log up to what the group has stored, on one node at a time.
            services.AddSingleton<Persister>();
            services.AddSingleton<IStoreProgress>(sp => sp.GetRequiredService<Persister>());
            services.AddHostedService(sp => sp.GetRequiredService<Persister>());
            services.AddSingleton<Feeds.Bus.ILogFrontier>(sp => new Feeds.Bus.RedisLogFrontier(
                sp.GetRequiredService<Feeds.Bus.RedisFeedBus>(), Persister.Group));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<LogProjector>(sp,
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Feeds.Bus.RedisBusOptions>>().Value.Node));
        }

        services.AddSingleton<IStoreProgress>(sp => sp.GetRequiredService<LogProjector>());
        services.AddHostedService(sp => sp.GetRequiredService<LogProjector>());
        return builder;
    }

    /// <summary>
    /// <c>dotnet run --project CommandCenter.Web -- --verify-store</c>: replays the event log and compares every projected
    /// table row by row, printing each difference (table, key, column, stored, replayed); exits 0 when there is none, 1
    /// otherwise. With <paramref name="repair"/> (<c>--repair-store</c>) it rewrites the tables from the log first.
    /// Exits 2 when the store cannot be read.
    /// </summary>
    public static async Task<int> VerifyStoreAsync(this WebApplication app, bool repair)
    {
        var migrations = app.Services.GetRequiredService<IStoreMigrations>();
        var verifier = app.Services.GetRequiredService<StoreVerifier>();
        try
        {
            await migrations.MigrateAsync(CancellationToken.None).ConfigureAwait(false);
            if (repair)
            {
                Console.WriteLine($"{migrations.Describe}: rewrote the tables from the log ({await verifier.RepairAsync(CancellationToken.None).ConfigureAwait(false)} rows)");
            }

            var differences = await verifier.VerifyAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var difference in differences)
            {
                Console.WriteLine(difference);
            }

            var behind = await verifier.EventsAfterAsync(verifier.VerifiedUpTo, CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine($"{migrations.Describe}: {differences.Count} differences between the tables and the log " +
                $"(compared at the tables' mark {verifier.VerifiedUpTo}; {behind} events logged after it, projected as the node runs)");
            return differences.Count == 0 ? 0 : 1;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"{migrations.Describe}: the store could not be verified: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>
    /// <c>dotnet run --project CommandCenter.Web -- --migrate</c>: applies the migrations and exits (0 when the
    /// schema is current, 1 when the store cannot be migrated).
    /// </summary>
    public static async Task<int> MigrateStoreAsync(this WebApplication app)
    {
        var store = app.Services.GetRequiredService<IStoreMigrations>();
        try
        {
            var applied = await store.MigrateAsync(CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine($"{store.Describe}: applied {(applied.Count == 0 ? "nothing (schema current)" : string.Join(", ", applied))}");
            return 0;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"{store.Describe}: migration failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
