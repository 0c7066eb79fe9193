using Dapper;
using Npgsql;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Where a PostgreSQL run's time went, from the server's side (<c>store --db-profile</c>): <c>pg_stat_statements</c>'s
/// execution time per statement and <c>pg_stat_wal</c>'s WAL writes and syncs, which a trace of the client cannot see.
/// </summary>
internal static class ServerProfile
{
    /// <summary>The server settings that collect them: statement statistics, and I/O timing for the WAL and the tables.</summary>
    public const string Settings =
        "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c track_io_timing=on -c track_wal_io_timing=on";

    public static async Task ResetAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await connection.ExecuteAsync("SELECT pg_stat_statements_reset()");
        await connection.ExecuteAsync("SELECT pg_stat_reset_shared('wal')");
    }

    /// <summary>Prints the statements that took the most server time, and the WAL's writes and syncs.</summary>
    public static async Task PrintAsync(string connectionString, double wallSeconds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var statements = (await connection.QueryAsync<(string Query, long Calls, double TotalMs, long Rows, double BlockWriteMs)>("""
            SELECT regexp_replace(query, '\s+', ' ', 'g'), calls, total_exec_time, rows, blk_write_time
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT 8
            """)).ToList();
        var serverMs = await connection.ExecuteScalarAsync<double>("""
            SELECT COALESCE(SUM(total_exec_time), 0) FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            """);
        Console.WriteLine($"{"",-11} server time in statements {serverMs / 1000:0.0} s of {wallSeconds:0.0} s; the most:");
        foreach (var s in statements)
        {
            var text = s.Query.Length > 90 ? s.Query[..90] + "…" : s.Query;
            Console.WriteLine($"{"",-13}{s.TotalMs / 1000,6:0.00} s {s.Calls,7:N0} calls {s.Rows,9:N0} rows  {text}");
        }

        var wal = await connection.QuerySingleAsync<(long Records, decimal Bytes, long Writes, long Syncs, double WriteMs, double SyncMs)>(
            "SELECT wal_records, wal_bytes, wal_write, wal_sync, wal_write_time, wal_sync_time FROM pg_stat_wal");
        Console.WriteLine($"{"",-13}WAL: {wal.Records:N0} records, {wal.Bytes / 1048576m:N0} MB, {wal.Writes:N0} writes in {wal.WriteMs / 1000:0.00} s, " +
            $"{wal.Syncs:N0} syncs in {wal.SyncMs / 1000:0.00} s");
    }
}
