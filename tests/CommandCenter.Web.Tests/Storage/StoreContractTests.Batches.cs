using Dapper;

namespace CommandCenter.Web.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(80)]
    public async Task A_batch_of_upserts_leaves_each_keys_last_row_whatever_its_size(int rows)
    {
        // Large batches go another way on PostgreSQL (one INSERT … SELECT FROM unnest): it must give what row by row gives.
        var batch = Enumerable.Range(1, rows).Select(i => new { Name = $"batch-{i % 3}", Position = (long)i }).ToList();
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Store.Database.ExecuteManyAsync(connection, transaction, """
                INSERT INTO projection_marks (name, position) VALUES (@Name, @Position)
                ON CONFLICT (name) DO UPDATE SET position = excluded.position
                """, batch);
            await transaction.CommitAsync();
        }

        var stored = (await connection.QueryAsync<(string Name, long Position)>(
            "SELECT name, position FROM projection_marks WHERE name LIKE 'batch-%' ORDER BY name")).ToList();
        Assert.Equal(batch.GroupBy(r => r.Name).Select(g => (g.Key, g.Last().Position)).OrderBy(r => r.Key, StringComparer.Ordinal), stored);
    }
}
