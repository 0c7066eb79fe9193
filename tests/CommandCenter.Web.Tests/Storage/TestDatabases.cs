using CommandCenter.Web.Storage;
using Npgsql;

namespace CommandCenter.Web.Tests.Storage;

/// <summary>
/// Fresh, private databases for store tests: a temporary SQLite file, or a new database on the PostgreSQL
/// server that ./test.sh starts (CC_TEST_POSTGRES). Without that server the PostgreSQL tests fail, never skip.
/// </summary>
internal static class TestDatabases
{
    public static string PostgresServer => Environment.GetEnvironmentVariable("CC_TEST_POSTGRES")
        ?? throw new InvalidOperationException("CC_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts PostgreSQL");

    public static string NewSqlitePath() => Path.Combine(Path.GetTempPath(), $"cc-store-{Guid.NewGuid():N}.db");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> NewPostgresDatabaseAsync()
    {
        var name = $"cc_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresServer))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
    }

    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public static StoreSet Postgres(string connectionString, TimeProvider time) =>
        new(new PostgresDatabase(new NpgsqlDataSourceBuilder(connectionString).Build(), time));
}
