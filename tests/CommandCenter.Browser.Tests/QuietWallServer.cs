using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Browser.Tests;

/// <summary>The web app on a real 127.0.0.1 port with the simulator off, so a test decides every order on it.</summary>
public sealed class QuietWallServer : KestrelWallServer
{
    public Task ReportAsync(string id, string title, string grid = "320505001001001", double lat = 31.300, double lon = 120.560) =>
        ReportAsync(Services, id, title, grid, lat, lon);

    /// <summary>Publishes an urgent hotline complaint at a point, through the app's own bus.</summary>
    public static async Task ReportAsync(IServiceProvider services, string id, string title, string grid, double lat, double lon)
    {
        var scope = JurisdictionCode.From(grid);
        await services.GetRequiredService<IFeedBus>().PublishAsync(new FeedEvent($"{id}-report", "test", DateTimeOffset.UtcNow, scope,
            new WorkOrderReported(new WorkOrderReport(WorkOrderId.From(id), WorkOrderKind.Complaint, WorkOrderSource.Hotline12345,
                CategoryCode.From("06010"), Urgency.Urgent, title, scope, new Domain.Geo.GeoPoint(lat, lon)))));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Simulator:Enabled", "false");
        builder.UseSetting("Storage:SqlitePath", Path.Combine(Path.GetTempPath(), $"cc-browser-quiet-{Guid.NewGuid():N}.db"));
    }
}
