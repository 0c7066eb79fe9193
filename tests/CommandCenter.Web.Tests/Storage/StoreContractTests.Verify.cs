using CommandCenter.Domain.Sla;
using CommandCenter.Web.Storage;
using Dapper;

namespace CommandCenter.Web.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Verify_finds_every_damaged_cell_and_repair_rewrites_the_tables_from_the_log()
    {
        var projector = Projector();
        foreach (var chunk in Simulate(TimeSpan.FromHours(30)).Chunk(700))
        {
            await Store.AppendAndProjectAsync(chunk, projector);
        }

        var verifier = new StoreVerifier(Store.Log, Store.Database, TestReference.Book(), Clock);
        Assert.Empty(await verifier.VerifyAsync(CancellationToken.None));

        await using (var connection = await Store.OpenAsync(CancellationToken.None))
        {
            var (order, state) = await connection.QueryFirstAsync<(string, string)>("SELECT id, state FROM work_orders WHERE is_open = 1 ORDER BY id LIMIT 1");
            await connection.ExecuteAsync("UPDATE work_orders SET state = 'Closed', is_open = 0 WHERE id = @order", new { order });
            await connection.ExecuteAsync("DELETE FROM work_order_timeline WHERE work_order_id = @order AND ordinal = 0", new { order });
            await connection.ExecuteAsync("""
                INSERT INTO cameras (id, name, scope, lat, lon, online, stream_url, event_seq)
                VALUES ('32050500001320009999', '不存在的摄像机', '320505001', 31.3, 120.5, 1, NULL, 1)
                """);

            var differences = await verifier.VerifyAsync(CancellationToken.None);

            Assert.Equal(
            [
                new TableDifference("work_orders", order, "is_open", "0", "1"),
                new TableDifference("work_orders", order, "state", "Closed", state),
                new TableDifference("work_order_timeline", $"{order}#0", "(row)", null, "present"),
                new TableDifference("cameras", "32050500001320009999", "(row)", "present", null),
            ], differences);
        }

        var rows = await verifier.RepairAsync(CancellationToken.None);

        Assert.True(rows > 1000, $"only {rows} rows rewritten");
        Assert.Empty(await verifier.VerifyAsync(CancellationToken.None));
        var counts = await Store.Log.CountsAsync(CancellationToken.None);
        Assert.Equal(0, counts["cameras"]);
        Assert.Equal(await Store.Tables.ProjectedUpToAsync(CancellationToken.None), await MaxSeqAsync());
    }

    [Fact]
    public async Task Verify_compares_at_the_tables_mark_so_events_not_yet_projected_are_no_difference()
    {
        var projector = Projector();
        var chunks = Simulate(TimeSpan.FromHours(12)).Chunk(500).ToList();
        foreach (var chunk in chunks.Take(chunks.Count / 2))
        {
            await Store.AppendAndProjectAsync(chunk, projector);
        }

        var mark = await Store.Tables.ProjectedUpToAsync(CancellationToken.None);
        // The rest reaches the log only, as on a running node whose projection is a batch behind.
        var logged = 0;
        foreach (var chunk in chunks.Skip(chunks.Count / 2))
        {
            logged += (await Store.Log.AppendAsync(chunk, CancellationToken.None)).Count;
        }

        var verifier = new StoreVerifier(Store.Log, Store.Database, TestReference.Book(), Clock);
        Assert.Empty(await verifier.VerifyAsync(CancellationToken.None));
        Assert.Equal(mark, verifier.VerifiedUpTo);
        Assert.True(logged > 0, "the second half logged nothing");
        Assert.Equal(logged, await verifier.EventsAfterAsync(mark, CancellationToken.None));

        // Below the mark a damaged row is still found.
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        var order = await connection.QueryFirstAsync<string>("SELECT id FROM work_orders ORDER BY id LIMIT 1");
        await connection.ExecuteAsync("UPDATE work_orders SET title = '被改过的标题' WHERE id = @order", new { order });
        var difference = Assert.Single(await verifier.VerifyAsync(CancellationToken.None));
        Assert.Equal(("work_orders", order, "title", "被改过的标题"), (difference.Table, difference.Key, difference.Column, difference.Stored));
    }

    [Fact]
    public async Task The_verify_and_repair_commands_report_and_fix_a_damaged_store()
    {
        await Append(Lifecycle("CLI-1", Now.AddHours(-2)));
        await using (var connection = await Store.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE work_orders SET unit_id = '别的单位' WHERE id = 'CLI-1'");
        }

        var (damaged, damagedOutput) = await RunAsync("--verify-store");
        var (repaired, repairedOutput) = await RunAsync("--repair-store");
        var (clean, cleanOutput) = await RunAsync("--verify-store");

        Assert.Equal(1, damaged);
        Assert.Contains("work_orders CLI-1 unit_id: stored 别的单位, replayed 城管中队", damagedOutput, StringComparison.Ordinal);
        Assert.Contains("1 differences between the tables and the log", damagedOutput, StringComparison.Ordinal);
        Assert.Equal((0, 0), (repaired, clean));
        Assert.Contains("rewrote the tables from the log", repairedOutput, StringComparison.Ordinal);
        Assert.Contains("0 differences", cleanOutput, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string command)
    {
        using var process = StartStoreCommand(ProcessEnvironment, command);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await output + await error);
    }

    private async Task<long> MaxSeqAsync()
    {
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT MAX(seq) FROM feed_events");
    }
}
