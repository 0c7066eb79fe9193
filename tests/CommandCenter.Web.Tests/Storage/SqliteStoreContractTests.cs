using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Tests.Storage;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string _path = TestDatabases.NewSqlitePath();

    protected override IReadOnlyDictionary<string, string> ProcessEnvironment =>
        new Dictionary<string, string> { ["Storage__SqlitePath"] = _path };

    protected override Task<SqlStore> CreateStoreAsync() => Task.FromResult<SqlStore>(new SqliteStore(_path, Clock));

    protected override SqlStore SecondStore() => new SqliteStore(_path, Clock);

    protected override Task<FreshDatabase> FreshDatabaseAsync()
    {
        var path = TestDatabases.NewSqlitePath();
        return Task.FromResult(new FreshDatabase(new SqliteStore(path, Clock), new SqliteStore(path, Clock),
            new Dictionary<string, string> { ["Storage__SqlitePath"] = path }, () => Task.CompletedTask));
    }
}
