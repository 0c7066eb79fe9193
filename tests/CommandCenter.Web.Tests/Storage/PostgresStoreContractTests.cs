using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Tests.Storage;

public sealed class PostgresStoreContractTests : StoreContractTests
{
    private string _connectionString = "";

    protected override IReadOnlyDictionary<string, string> ProcessEnvironment =>
        new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = _connectionString };

    internal override async Task<StoreSet> CreateStoreAsync()
    {
        _connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        return TestDatabases.Postgres(_connectionString, Clock);
    }

    internal override StoreSet SecondStore() => TestDatabases.Postgres(_connectionString, Clock);

    internal override async Task<FreshDatabase> FreshDatabaseAsync()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        return new FreshDatabase(TestDatabases.Postgres(connectionString, Clock), TestDatabases.Postgres(connectionString, Clock),
            new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = connectionString },
            () => TestDatabases.DropPostgresDatabaseAsync(connectionString));
    }

    public override async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await TestDatabases.DropPostgresDatabaseAsync(_connectionString);
    }
}
