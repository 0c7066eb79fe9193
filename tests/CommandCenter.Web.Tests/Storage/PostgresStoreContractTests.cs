using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Tests.Storage;

public sealed class PostgresStoreContractTests : StoreContractTests
{
    private string _connectionString = "";

    protected override IReadOnlyDictionary<string, string> ProcessEnvironment =>
        new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = _connectionString };

    protected override async Task<SqlStore> CreateStoreAsync()
    {
        _connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        return TestDatabases.Postgres(_connectionString, Clock);
    }

    protected override SqlStore SecondStore() => TestDatabases.Postgres(_connectionString, Clock);

    protected override async Task<FreshDatabase> FreshDatabaseAsync()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        return new FreshDatabase(TestDatabases.Postgres(connectionString, Clock), TestDatabases.Postgres(connectionString, Clock),
            new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = connectionString },
            () => TestDatabases.DropPostgresDatabaseAsync(connectionString));
    }

    public override async Task DisposeAsync()
    {
        await ((PostgresStore)Store).DisposeAsync();
        await TestDatabases.DropPostgresDatabaseAsync(_connectionString);
    }
}
