using CommandCenter.Web.Storage;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Web.Tests.Storage;

/// <summary>The store's many-row statement on SQLite's own handle: values bound by position, SQLite's errors raised as they are.</summary>
public sealed class SqlitePreparedTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqlitePreparedTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL, x REAL, flag INTEGER, note TEXT)";
        create.ExecuteNonQuery();
    }

    [Fact]
    public async Task Rows_are_bound_by_name_in_any_order_and_read_back_as_written()
    {
        using var transaction = _connection.BeginTransaction();
        using (var insert = SqlitePrepared.For<Row>(_connection, transaction, "INSERT INTO t (note, id, n, x, flag) VALUES (@Note, @Id, @N, @X, @Flag)"))
        {
            Assert.Equal(1, await insert.ExecuteAsync(new Row("a", 7, 1.5, true, "街道 ✓")));
            Assert.Equal(1, await insert.ExecuteAsync(new Row("b", long.MaxValue, null, false, null)));
        }

        using (var returning = SqlitePrepared.For<Row>(_connection, transaction,
            "INSERT INTO t (id, n, x, flag, note) VALUES (@Id, @N, @X, @Flag, @Note) ON CONFLICT (id) DO NOTHING RETURNING n"))
        {
            Assert.Equal(3L, await returning.ScalarAsync(new Row("c", 3, null, false, null)));
            Assert.Null(await returning.ScalarAsync(new Row("a", 9, null, false, null))); // already there: nothing returned
        }

        transaction.Commit();
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT id, n, x, flag, note FROM t ORDER BY id";
        using var reader = read.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, 5).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        Assert.Equal(["a|7|1.5|1|街道 ✓", $"b|{long.MaxValue}|null|0|null", "c|3|null|0|null"], rows);
    }

    [Fact]
    public async Task A_constraint_SQLite_refuses_is_raised_naming_it_and_the_statement_runs_on()
    {
        using var transaction = _connection.BeginTransaction();
        using var insert = SqlitePrepared.For<Row>(_connection, transaction, "INSERT INTO t (id, n) VALUES (@Id, @N)");
        await insert.ExecuteAsync(new Row("a", 1, null, false, null));

        var duplicate = await Assert.ThrowsAsync<SqliteException>(() => insert.ExecuteAsync(new Row("a", 2, null, false, null)));
        Assert.Contains("UNIQUE constraint failed: t.id", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal(1, await insert.ExecuteAsync(new Row("b", 2, null, false, null)));
    }

    [Fact]
    public void A_statement_naming_a_value_the_row_lacks_is_refused_naming_it()
    {
        using var transaction = _connection.BeginTransaction();
        var refused = Assert.Throws<InvalidOperationException>(() => SqlitePrepared.For<Row>(_connection, transaction, "INSERT INTO t (id, n) VALUES (@Id, @Count)"));
        Assert.Contains("Row has no property Count", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _connection.Dispose();

    private sealed record Row(string Id, long N, double? X, bool Flag, string? Note);
}
