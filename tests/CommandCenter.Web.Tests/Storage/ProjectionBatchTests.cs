using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Host;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Tests.Storage;

/// <summary>The tables follow the log in batches sized for the store they are in, unless the setting says otherwise.</summary>
public sealed class ProjectionBatchTests
{
    [Fact]
    public async Task Unset_the_batch_is_the_stores_own_and_a_setting_overrides_it()
    {
        var postgres = await TestDatabases.NewPostgresDatabaseAsync();
        try
        {
            await using var sqlite = App();
            await using var onPostgres = App(("ConnectionStrings:Postgres", postgres));
            await using var set = App(("Storage:ProjectionBatchSize", "300"));

            Assert.Equal(
                (StoreOptions.SqliteProjectionBatch, StoreOptions.PostgresProjectionBatch, 300),
                (Batch(sqlite), Batch(onPostgres), Batch(set)));
            Assert.NotEqual(StoreOptions.SqliteProjectionBatch, StoreOptions.PostgresProjectionBatch);
        }
        finally
        {
            await TestDatabases.DropPostgresDatabaseAsync(postgres);
        }
    }

    [Fact]
    public async Task A_batch_out_of_range_stops_the_start_naming_the_setting()
    {
        await using var app = App(("Storage:ProjectionBatchSize", "0"));

        var refused = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Storage:ProjectionBatchSize must be 1–100000", refused.Message, StringComparison.Ordinal);
    }

    private static int? Batch(WebApplicationFactory<Program> app) =>
        app.Services.GetRequiredService<IOptions<StoreOptions>>().Value.ProjectionBatchSize;

    private static WebApplicationFactory<Program> App(params (string Key, string Value)[] settings) => ProductionApp.Create(settings);
}
