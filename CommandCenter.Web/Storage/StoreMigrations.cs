using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>A numbered migration: <c>NNN_name.sql</c> under Storage/Migrations/{dialect}.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>The schema: numbered SQL files per dialect, applied once each however many nodes start at once.</summary>
public interface IStoreMigrations : IStore
{
    /// <summary>Where the data lives, for logs (no password).</summary>
    string Describe { get; }

    IReadOnlyList<Migration> Migrations { get; }

    /// <summary>
    /// Applies the migrations not yet applied, in order, in one transaction that holds the migration lock, so
    /// two nodes starting at once apply each migration exactly once. Returns the versions it applied.
    /// </summary>
    Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken);
}

internal sealed class StoreMigrations(Database database) : IStoreMigrations
{
    public string Describe => database.Describe;

    public IReadOnlyList<Migration> Migrations => LoadMigrations(database.MigrationFolder);

    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginMigrationAsync(connection, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version        integer PRIMARY KEY,
                name           text NOT NULL,
                applied_at_ms  bigint NOT NULL
            )
            """, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var applied = (await connection.QueryAsync<int>(new CommandDefinition("SELECT version FROM schema_migrations",
            transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet();

        var done = new List<int>();
        foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (DataSteps.TryGetValue(migration.Version, out var step))
            {
                await step(database, connection, transaction, cancellationToken).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = database.Time.GetUtcNow().ToUnixTimeMilliseconds() },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            done.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return done;
    }

    /// <summary>Steps that rewrite data in code after a migration's SQL, in the same transaction.</summary>
    private static readonly Dictionary<int, Func<Database, DbConnection, DbTransaction, CancellationToken, Task>> DataSteps = new()
    {
        [8] = SourceScopedIds.MigrateAsync,
    };

    private static List<Migration> LoadMigrations(string folder)
    {
        var assembly = typeof(StoreMigrations).Assembly;
        var prefix = $"migrations/{folder}/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var match = Regex.Match(resource[prefix.Length..], @"^(\d{3})_([a-z0-9_]+)\.sql$");
            if (!match.Success)
            {
                throw new InvalidOperationException($"migration {resource} is not named NNN_name.sql");
            }

            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups[2].Value, reader.ReadToEnd()));
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }
}
