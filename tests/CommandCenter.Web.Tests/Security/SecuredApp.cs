using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Bus;
using CommandCenter.Web.Live;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Host;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Security;

/// <summary>The app on a clock the test moves, with one open order in 狮山街道 (A) and one in 枫桥街道 (B).</summary>
public class SecuredApp : WallHostFactory
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    public const string OrderA = "SEC-A-1";
    public const string OrderB = "SEC-B-1";

    public SecuredApp(DateTimeOffset? start = null) => Clock = new FakeTimeProvider(start ?? Start);

    public FakeTimeProvider Clock { get; }

    public Dictionary<string, string> Settings { get; } = [];

    public AppStores Store => new(Services);

    /// <summary>The app's own stores, for tests that check what it wrote.</summary>
    public sealed class AppStores(IServiceProvider services)
    {
        public IAuditLog Audit => services.GetRequiredService<IAuditLog>();

        public IAccountStore Accounts => services.GetRequiredService<IAccountStore>();

        public Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken) =>
            services.GetRequiredService<Database>().OpenAsync(cancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Starts the app and publishes the two orders; returns once the wall has them.</summary>
    public async Task<SecuredApp> WithOrdersAsync()
    {
        var services = await ReadyAsync();
        var live = services.GetRequiredService<LiveSituation>();
        var bus = services.GetRequiredService<IFeedBus>();
        await bus.PublishAsync(Report(OrderA, "320505001001001", "狮山路口暴露垃圾"));
        await bus.PublishAsync(Report(OrderB, "320505002001001", "枫桥菜场占道经营"));
        var projector = services.GetRequiredService<LogProjector>();
        await projector.WaitForAsync(() => projector.Projected >= 3, TimeSpan.FromSeconds(30)); // the first start's reference data and the two orders
        await live.WaitForAsync(() => live.CardOf(WorkOrderId.From(OrderA)) is not null && live.CardOf(WorkOrderId.From(OrderB)) is not null,
            TimeSpan.FromSeconds(30));

        return this;
    }

    public async Task<int> AuditCountAsync(string actor, string action) =>
        (await Store.Audit.SearchAuditAsync(new AuditQuery(actor, action, Limit: 1000), CancellationToken.None)).Count;

    private FeedEvent Report(string id, string grid, string title) => new($"{id}-report", "test", Clock.GetUtcNow(),
        JurisdictionCode.From(grid), new WorkOrderReported(new WorkOrderReport(WorkOrderId.From(id), WorkOrderKind.Report,
            WorkOrderSource.GridPatrol, CategoryCode.From("06010"), Urgency.Normal, title, JurisdictionCode.From(grid))));
}
