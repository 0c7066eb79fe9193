using System.Collections.Concurrent;
using System.Reflection;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Web.Storage;

/// <summary>
/// A batch of <c>INSERT INTO t (cols) VALUES (@A, …) [ON CONFLICT …]</c> rows as one <c>INSERT … SELECT FROM unnest(…)</c> with
/// one array parameter per column, instead of a statement per row: the rows cross the wire in PostgreSQL's binary array format
/// and the server plans one statement (as the event log's insert does). A COPY into a temporary stage was measured slower here:
/// a temporary table's truncation at each commit costs more than the rows. Of rows with the same conflict key, the last one given is the one applied, as it would
/// be row by row. A statement of another shape, or a value of a type the stage does not take, is reported as not sent this way
/// (null) and the caller runs it row by row.
/// </summary>
internal static class PostgresStagedInsert
{
    private static readonly ConcurrentDictionary<string, Statement?> Statements = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, NpgsqlDbType>> ColumnTypes = new(StringComparer.Ordinal);

    public static async Task<bool> TryRunAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, IReadOnlyCollection<T> rows)
    {
        if (Statements.GetOrAdd(sql, Parse) is not { } statement)
        {
            Unstaged(sql, "its shape");
            return false;
        }

        var types = await TypesAsync(connection, transaction, statement.Table).ConfigureAwait(false);
        var properties = statement.Parameters.Select(p => typeof(T).GetProperty(p)).ToArray();
        if (properties.Any(p => p is null) || statement.Columns.Any(c => !types.ContainsKey(c)))
        {
            Unstaged(sql, "a column or parameter it cannot map");
            return false;
        }

        var columnTypes = statement.Columns.Select(c => types[c]).ToArray();
        var arrays = Arrays(rows, properties!, columnTypes);
        if (arrays is null)
        {
            Unstaged(sql, "a value of a type its column does not take");
            return false;
        }

        var columns = string.Join(", ", statement.Columns);
        var unnest = $"unnest({string.Join(", ", arrays.Select((_, i) => $"${i + 1}"))}) WITH ORDINALITY AS u({columns}, cc_n)";
        var source = statement.ConflictKeys is { } keys && statement.Rest.Contains("DO UPDATE", StringComparison.OrdinalIgnoreCase)
            ? $"SELECT DISTINCT ON ({keys}) {columns} FROM {unnest} ORDER BY {keys}, cc_n DESC"
            : $"SELECT {columns} FROM {unnest} ORDER BY cc_n";
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {statement.Table} ({columns}) SELECT {columns} FROM ({source}) s WHERE true {statement.Rest}", connection, transaction);
        for (var i = 0; i < arrays.Length; i++)
        {
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | columnTypes[i], Value = arrays[i] });
        }

        await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        return true;
    }

    /// <summary>One typed array per column (nulls kept); null when a value does not fit its column (the caller goes row by row).</summary>
    private static Array[]? Arrays<T>(IReadOnlyCollection<T> rows, PropertyInfo[] properties, NpgsqlDbType[] types)
    {
        var arrays = types.Select(t => t switch
        {
            NpgsqlDbType.Bigint => (Array)new long?[rows.Count],
            NpgsqlDbType.Integer => new int?[rows.Count],
            NpgsqlDbType.Smallint => new short?[rows.Count],
            NpgsqlDbType.Boolean => new bool?[rows.Count],
            NpgsqlDbType.Double => new double?[rows.Count],
            _ => new string?[rows.Count],
        }).ToArray();
        var r = 0;
        foreach (var row in rows)
        {
            for (var c = 0; c < properties.Length; c++)
            {
                var value = properties[c].GetValue(row);
                if (value is null)
                {
                    continue;
                }

                if (Convert(value, types[c]) is not { } converted)
                {
                    return null;
                }

                arrays[c].SetValue(converted, r);
            }

            r++;
        }

        return arrays;
    }

    /// <summary>Says once per statement, on the console of a benchmark or test (CC_STAGED_DEBUG), why it went row by row.</summary>
    private static void Unstaged(string sql, string why)
    {
        if (Environment.GetEnvironmentVariable("CC_STAGED_DEBUG") is not null)
        {
            Console.Error.WriteLine($"row by row ({why}): {sql.Split('\n')[0]}");
        }
    }

    private static object? Convert(object value, NpgsqlDbType type) => (type, value) switch
    {
        (NpgsqlDbType.Integer or NpgsqlDbType.Bigint or NpgsqlDbType.Smallint, bool flag) => Convert(flag ? 1 : 0, type),
        (NpgsqlDbType.Text or NpgsqlDbType.Varchar or NpgsqlDbType.Jsonb, string s) => s,
        (NpgsqlDbType.Boolean, bool b) => (bool?)b,
        (NpgsqlDbType.Bigint, long or int or short or Enum) => (long?)System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        (NpgsqlDbType.Integer, int or short or Enum) => (int?)System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
        (NpgsqlDbType.Integer, long l) when l is >= int.MinValue and <= int.MaxValue => (int?)(int)l,
        (NpgsqlDbType.Smallint, short or Enum) => (short?)System.Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture),
        (NpgsqlDbType.Double, double or float or int or long) => (double?)System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static async Task<IReadOnlyDictionary<string, NpgsqlDbType>> TypesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table)
    {
        if (ColumnTypes.TryGetValue(table, out var known))
        {
            return known;
        }

        var types = new Dictionary<string, NpgsqlDbType>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("""
            SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
            WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped
            """, connection, transaction);
        command.Parameters.AddWithValue("table", table);
        await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                NpgsqlDbType? type = reader.GetString(1) switch
                {
                    "bigint" => NpgsqlDbType.Bigint,
                    "integer" => NpgsqlDbType.Integer,
                    "smallint" => NpgsqlDbType.Smallint,
                    "text" => NpgsqlDbType.Text,
                    "boolean" => NpgsqlDbType.Boolean,
                    "double precision" => NpgsqlDbType.Double,
                    "jsonb" => NpgsqlDbType.Jsonb,
                    var other when other.StartsWith("character varying", StringComparison.Ordinal) => NpgsqlDbType.Varchar,
                    _ => null,
                };
                if (type is { } t)
                {
                    types[reader.GetString(0)] = t;
                }
            }
        }

        return ColumnTypes[table] = types;
    }

    private sealed record Statement(string Table, string[] Columns, string[] Parameters, string Rest, string? ConflictKeys);

    /// <summary>The table, columns, the parameter of each column, and what follows VALUES; null for any other shape.</summary>
    private static Statement? Parse(string sql)
    {
        var match = System.Text.RegularExpressions.Regex.Match(sql, @"^\s*INSERT INTO (\w+) \(([^)]*)\)\s*VALUES\s*\(",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        if (!match.Success)
        {
            return null;
        }

        var start = match.Index + match.Length;
        var depth = 1;
        var end = start;
        for (; end < sql.Length && depth > 0; end++)
        {
            depth += sql[end] switch { '(' => 1, ')' => -1, _ => 0 };
        }

        if (depth != 0)
        {
            return null;
        }

        var values = SplitTopLevel(sql[start..(end - 1)]);
        var columns = match.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries);
        var parameters = values.Select(v => System.Text.RegularExpressions.Regex.Matches(v, @"@(\w+)")).ToArray();
        if (values.Count != columns.Length || parameters.Any(p => p.Count != 1))
        {
            return null;
        }

        var rest = sql[end..].Trim();
        if (rest.Length > 0 && !rest.StartsWith("ON CONFLICT", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var keys = System.Text.RegularExpressions.Regex.Match(rest, @"^ON CONFLICT \(([^)]*)\)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return new Statement(match.Groups[1].Value, columns, [.. parameters.Select(p => p[0].Groups[1].Value)], rest,
            keys.Success ? keys.Groups[1].Value : null);
    }

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var from = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                parts.Add(text[from..i].Trim());
                from = i + 1;
            }
        }

        parts.Add(text[from..].Trim());
        return parts;
    }
}
