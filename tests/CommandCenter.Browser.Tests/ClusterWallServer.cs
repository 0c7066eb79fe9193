using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace CommandCenter.Browser.Tests;

/// <summary>One web node of a scale-out deployment on a real port: Redis bus, PostgreSQL store, simulator off.</summary>
public sealed class ClusterWallServer(string redis, string postgres, string prefix, string name) : KestrelWallServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Redis", redis);
        builder.UseSetting("ConnectionStrings:Postgres", postgres);
        builder.UseSetting("Bus:Prefix", prefix);
        builder.UseSetting("Bus:Node", name);
        builder.UseSetting("Simulator:Enabled", "false");
    }

    public static string Redis => Environment.GetEnvironmentVariable("CC_TEST_REDIS")
        ?? throw new InvalidOperationException("CC_TEST_REDIS is not set: run the tests through ./test.sh");

    private static string PostgresServer => Environment.GetEnvironmentVariable("CC_TEST_POSTGRES")
        ?? throw new InvalidOperationException("CC_TEST_POSTGRES is not set: run the tests through ./test.sh");

    /// <summary>Creates an empty database for a cluster and returns its connection string.</summary>
    public static async Task<string> NewDatabaseAsync()
    {
        var name = $"cc_browser_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
