using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CommandCenter.Web.Storage;

/// <summary>
/// One statement run for many rows, prepared once on the connection's own SQLite handle (SQLitePCLRaw, which
/// Microsoft.Data.Sqlite runs on) and bound by position: each row only binds its values and steps. Through a
/// <see cref="SqliteCommand"/> every execution looked each parameter up by name and inferred its type again, which a trace of
/// the store benchmark showed taking half of the tables' write time (37 columns a work order).
/// It runs inside the connection's open transaction, like any command on that connection.
/// </summary>
internal sealed class SqlitePrepared : IDisposable
{
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo[]> Bindings = new();

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly PropertyInfo[] _bindings;

    private SqlitePrepared(sqlite3 db, sqlite3_stmt statement, PropertyInfo[] bindings)
    {
        _db = db;
        _statement = statement;
        _bindings = bindings;
    }

    public static SqlitePrepared For<T>(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _ = transaction; // the statement runs in the connection's open transaction
        var db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        try
        {
            var bindings = Bindings.GetOrAdd((typeof(T), sql), _ => [.. Enumerable.Range(1, raw.sqlite3_bind_parameter_count(statement))
                .Select(i => raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string().TrimStart('@', ':', '$'))
                .Select(name => typeof(T).GetProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {name} for the statement"))]);
            return new SqlitePrepared(db, statement, bindings);
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    private void Bind<T>(T row)
    {
        raw.sqlite3_reset(_statement);
        for (var i = 0; i < _bindings.Length; i++)
        {
            var index = i + 1;
            var rc = _bindings[i].GetValue(row) switch
            {
                null => raw.sqlite3_bind_null(_statement, index),
                string text => raw.sqlite3_bind_text(_statement, index, text),
                long number => raw.sqlite3_bind_int64(_statement, index, number),
                int number => raw.sqlite3_bind_int64(_statement, index, number),
                bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
                double number => raw.sqlite3_bind_double(_statement, index, number),
                Enum e => raw.sqlite3_bind_int64(_statement, index, Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)),
                byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
                var other => throw new InvalidOperationException(
                    $"{typeof(T).Name}.{_bindings[i].Name} is a {other.GetType().Name}, which the store does not bind"),
            };
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    /// <summary>Runs the statement for one row; returns the rows it changed.</summary>
    public Task<int> ExecuteAsync<T>(T row)
    {
        Bind(row);
        var rc = raw.sqlite3_step(_statement);
        if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return Task.FromResult(raw.sqlite3_changes(_db));
    }

    /// <summary>Runs the statement for one row; returns the first column of its first result row (RETURNING), or null.</summary>
    public Task<object?> ScalarAsync<T>(T row)
    {
        Bind(row);
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            // The statement's changes are made by its first step; the rest of its rows are not read.
            return Task.FromResult<object?>(raw.sqlite3_column_type(_statement, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(_statement, 0));
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return Task.FromResult<object?>(null);
    }

    public void Dispose()
    {
        raw.sqlite3_reset(_statement);
        _statement.Dispose();
    }
}
