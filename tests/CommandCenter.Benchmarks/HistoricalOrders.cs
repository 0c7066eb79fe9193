using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Simulator;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Benchmarks;

/// <summary>Writes a long history of closed (and some open) work orders straight into work_orders with COPY.</summary>
internal static class HistoricalOrders
{
    private static readonly string[] Categories = ["06010", "09006", "09010", "06028", "09001", "07001", "06001", "09009", "06042", "08004"];
    private static readonly string[] Units = ["城管中队", "物业公司", "交警大队", "住建局", "消防救援站", "环保分局"];

    public static async Task<(DateTimeOffset First, DateTimeOffset Last)> CopyAsync(NpgsqlDataSource dataSource, DemoDistrict district,
        int count, DateTimeOffset end)
    {
        var random = new Random(7);
        var perDay = 2400.0;
        var days = count / perDay;
        var start = end - TimeSpan.FromDays(days);
        var grids = district.Communities.SelectMany(c => c.Grids).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY work_orders (id, kind, source, category, urgency, title, scope, state, is_open, supervision, unit_id, stage,
                stage_deadline_ms, parked, reported_at_ms, last_changed_at_ms, closed_at_ms, closure, satisfaction,
                dispatch_count, return_count, rework_count, postpone_count, ever_overdue, signed_off_on_time, handled_on_time)
            FROM STDIN (FORMAT BINARY)
            """);
        for (var i = 0; i < count; i++)
        {
            var reported = start + TimeSpan.FromDays(days * i / count);
            var open = reported > end.AddDays(-2) && random.NextDouble() < 0.3;
            var late = random.NextDouble() < 0.03;
            var closed = reported + TimeSpan.FromMinutes(30 + random.Next(600));
            await writer.StartRowAsync();
            await writer.WriteAsync($"H{i:0000000}");
            await writer.WriteAsync(nameof(WorkOrderKind.Complaint));
            await writer.WriteAsync(nameof(WorkOrderSource.Hotline12345));
            await writer.WriteAsync(Categories[random.Next(Categories.Length)]);
            await writer.WriteAsync(random.NextDouble() < 0.05 ? "Urgent" : "Normal");
            await writer.WriteAsync("历史工单");
            await writer.WriteAsync(grids[random.Next(grids.Length)].Value);
            await writer.WriteAsync(open ? "InProgress" : "Evaluated");
            await writer.WriteAsync(open ? 1 : 0, NpgsqlDbType.Integer);
            await writer.WriteAsync(late && random.NextDouble() < 0.5 ? "Yellow" : "Normal");
            await writer.WriteAsync(Units[random.Next(Units.Length)]);
            await writer.WriteAsync(open ? "Handling" : "None");
            if (open) await writer.WriteAsync(reported.AddHours(4).ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint); else await writer.WriteNullAsync();
            await writer.WriteAsync(0, NpgsqlDbType.Integer);
            await writer.WriteAsync(reported.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint);
            await writer.WriteAsync((open ? reported : closed).ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint);
            if (open) await writer.WriteNullAsync(); else await writer.WriteAsync(closed.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint);
            if (open) await writer.WriteNullAsync(); else await writer.WriteAsync(late ? "Overdue" : "Normal");
            await writer.WriteAsync(random.NextDouble() < 0.9 ? 5 : 3, NpgsqlDbType.Integer);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
            await writer.WriteAsync(0, NpgsqlDbType.Integer);
            await writer.WriteAsync(random.NextDouble() < 0.01 ? 1 : 0, NpgsqlDbType.Integer);
            await writer.WriteAsync(0, NpgsqlDbType.Integer);
            await writer.WriteAsync(late ? 1 : 0, NpgsqlDbType.Integer);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
            if (open) await writer.WriteNullAsync(); else await writer.WriteAsync(late ? 0 : 1, NpgsqlDbType.Integer);
        }

        await writer.CompleteAsync();
        return (start, end);
    }
}
