using System.Text.RegularExpressions;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Tests.Architecture;

/// <summary>The store stays split by concern: one narrow interface per store, and only Storage/ knows the concrete ones.</summary>
public sealed class StoreArchitectureTests
{
    private static readonly Type[] WebTypes = typeof(IStore).Assembly.GetTypes();

    private static readonly Type[] StoreInterfaces =
        [.. WebTypes.Where(t => t.IsInterface && t != typeof(IStore) && typeof(IStore).IsAssignableFrom(t))];

    /// <summary>Concrete stores, and the dialects they share.</summary>
    private static readonly Type[] ConcreteStores =
    [
        .. WebTypes.Where(t => t is { IsClass: true, IsAbstract: false } &&
            (typeof(IStore).IsAssignableFrom(t) || typeof(Database).IsAssignableFrom(t))),
    ];

    [Fact]
    public void There_is_a_store_interface_for_each_concern()
    {
        Assert.Equal(
            ["IAccountStore", "IAuditLog", "IBriefingQueries", "IDeadLetterStore", "IDispatchStore", "IEventLog", "IProjectedTables", "ISessionStore", "IStoreMigrations"],
            StoreInterfaces.Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_class_implements_two_store_interfaces()
    {
        var stores = WebTypes.Where(t => t.IsClass && typeof(IStore).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(stores);
        Assert.All(stores, store =>
        {
            var concerns = store.GetInterfaces().Where(StoreInterfaces.Contains).Select(i => i.Name).ToList();
            Assert.True(concerns.Count == 1, $"{store.Name} implements {string.Join(", ", concerns)}");
        });
    }

    [Fact]
    public void Nothing_outside_Storage_names_a_concrete_store()
    {
        var names = ConcreteStores.Select(t => t.Name).ToList();
        Assert.Contains("SqliteDatabase", names);
        Assert.Contains("EventLog", names);
        var pattern = new Regex($@"\b({string.Join("|", names)})\b", RegexOptions.Compiled);
        var web = Path.Combine(RepositoryRoot(), "CommandCenter.Web");
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !f.StartsWith(Path.Combine(web, "Storage") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(web, f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {pattern.Match(l.Text).Value}")
            .ToList();
        Assert.True(offenders.Count == 0, "concrete stores named outside Storage/:\n" + string.Join("\n", offenders));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"no CommandCenter.sln above {AppContext.BaseDirectory}");
    }
}
