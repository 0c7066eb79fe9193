using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Tests.Storage;

public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string _path = TestDatabases.NewSqlitePath();

    protected override IReadOnlyDictionary<string, string> ProcessEnvironment =>
        new Dictionary<string, string> { ["Storage__SqlitePath"] = _path };

    internal override Task<StoreSet> CreateStoreAsync() => Task.FromResult(new StoreSet(new SqliteDatabase(_path, Clock)));

    internal override StoreSet SecondStore() => new(new SqliteDatabase(_path, Clock));

    internal override Task<FreshDatabase> FreshDatabaseAsync()
    {
        var path = TestDatabases.NewSqlitePath();
        return Task.FromResult(new FreshDatabase(new StoreSet(new SqliteDatabase(path, Clock)), new StoreSet(new SqliteDatabase(path, Clock)),
            new Dictionary<string, string> { ["Storage__SqlitePath"] = path }, () => Task.CompletedTask));
    }
}
