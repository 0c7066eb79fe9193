using CommandCenter.Web.Tests.Storage;

namespace CommandCenter.Web.Tests.ScaleOut;

/// <summary>What a city runs: one ingest gateway and two web nodes on one Redis and one PostgreSQL database.</summary>
internal sealed class Cluster : IAsyncDisposable
{
    private readonly string _database;

    private Cluster(string database, string prefix, GatewayHost gateway, RedisNode a, RedisNode b)
    {
        Prefix = prefix;
        _database = database;
        Gateway = gateway;
        A = a;
        B = b;
    }

    public string Prefix { get; }

    public GatewayHost Gateway { get; }

    public RedisNode A { get; }

    public RedisNode B { get; }

    public static async Task<Cluster> StartAsync(string redis)
    {
        var prefix = $"cc-cluster-{Guid.NewGuid():N}";
        var database = await TestDatabases.NewPostgresDatabaseAsync();
        var cluster = new Cluster(database, prefix, await GatewayHost.StartAsync(redis, prefix),
            new RedisNode(redis, prefix, database, "node-a"), new RedisNode(redis, prefix, database, "node-b"));
        await cluster.A.ReadyAsync();
        await cluster.B.ReadyAsync();
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await A.DisposeAsync();
        await B.DisposeAsync();
        await TestDatabases.DropPostgresDatabaseAsync(_database);
    }
}
