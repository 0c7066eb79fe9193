using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Web.Storage;

/// <summary>
/// One statement run for many rows on a single prepared command: SQLite compiles it once and each row only binds its values,
/// where a command per row (Dapper's multi-row execute, or a new command each time) compiles it again for every row.
/// </summary>
internal sealed class SqlitePrepared : IDisposable
{
    private static readonly ConcurrentDictionary<(Type, string), (string Name, PropertyInfo Property)[]> Bindings = new();

    private readonly SqliteCommand _command;
    private readonly (string Name, PropertyInfo Property)[] _bindings;

    private SqlitePrepared(SqliteCommand command, (string, PropertyInfo)[] bindings)
    {
        _command = command;
        _bindings = bindings;
    }

    public static SqlitePrepared For<T>(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var bindings = Bindings.GetOrAdd((typeof(T), sql), key => [.. System.Text.RegularExpressions.Regex.Matches(key.Item2, @"@(\w+)")
            .Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)
            .Select(name => (name, typeof(T).GetProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {name} for the statement")))]);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, _) in bindings)
        {
            command.Parameters.Add(new SqliteParameter("@" + name, null));
        }

        command.Prepare();
        return new SqlitePrepared(command, bindings);
    }

    private void Bind<T>(T row)
    {
        for (var i = 0; i < _bindings.Length; i++)
        {
            _command.Parameters[i].Value = _bindings[i].Property.GetValue(row) switch
            {
                null => DBNull.Value,
                Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture),
                var value => value,
            };
        }
    }

    public Task<int> ExecuteAsync<T>(T row)
    {
        Bind(row);
        return _command.ExecuteNonQueryAsync();
    }

    public Task<object?> ScalarAsync<T>(T row)
    {
        Bind(row);
        return _command.ExecuteScalarAsync();
    }

    public void Dispose() => _command.Dispose();
}
