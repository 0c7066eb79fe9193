using System.Text.Encodings.Web;
using System.Text.Unicode;
using CommandCenter.Domain.Sla;
using CommandCenter.Feeds.Ingest;
using CommandCenter.Web.Api;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Security;
using CommandCenter.Web.Components;
using CommandCenter.Web.Health;
using CommandCenter.Web.Live;
using CommandCenter.Web.Walls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace CommandCenter.Web;

public static partial class WebSetup
{
    /// <summary>The web side: Blazor Server walls, the live situation fed by the bus, layouts, health.</summary>
    public static IHostApplicationBuilder AddCommandCenterWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        // Chinese text goes out as UTF-8, not as &#x...; escapes: half the page size and readable in tests and logs.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        services.AddOptions<WallOptions>()
            .BindConfiguration(WallOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Directory.Exists(o.ResolvedLayoutsPath),
                "Wall:LayoutsPath: the layouts folder does not exist (set Wall:LayoutsPath to the wall-layouts folder)")
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<WallOptions>, WallTileValidation>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LiveSituation>();
        services.AddSingleton<HubSignal>();
        services.AddHostedService(sp => sp.GetRequiredService<HubSignal>());
        services.AddSingleton(sp =>
        {
            var naive = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Walls.WallOptions>>().Value.RenderEveryChange;
            var walls = new WallSignal(sp.GetRequiredService<TimeProvider>(), naive ? TimeSpan.Zero : null);
            walls.Forward(sp.GetRequiredService<HubSignal>());
            return walls;
        });
        services.AddHostedService(sp => sp.GetRequiredService<WallSignal>());
        services.AddSingleton<SituationFeedService>();
        services.AddHostedService(sp => sp.GetRequiredService<SituationFeedService>());
        services.AddSingleton<WallLayoutCatalog>();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitPresence>());
        var signalR = services.AddSignalR(o => o.MaximumReceiveMessageSize = 32 * 1024);
        signalR.AddJsonProtocol(o => o.PayloadSerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddMessagePackProtocol(o => o.SerializerOptions = MessagePack.MessagePackSerializerOptions.Standard
                .WithResolver(MessagePack.Resolvers.ContractlessStandardResolver.Instance)
                .WithSecurity(MessagePack.MessagePackSecurity.UntrustedData));
        AddBackplane(builder, signalR);
        services.AddSingleton<WallSubscribers>();
        services.AddSingleton<HubSessions>();
        services.AddSingleton<Storage.OutboxPublisher>();
        services.AddSingleton<DispatchService>();
        services.AddSingleton<Reference.ReferenceImports>();
        services.AddSingleton<Desk.DeskService>();
        services.AddSingleton<Duty.RosterService>();
        services.AddSingleton<Desk.SupervisionService>();
        services.AddHostedService(sp => sp.GetRequiredService<Desk.SupervisionService>());
        services.AddOptions<Tasks.TaskOptions>().BindConfiguration(Tasks.TaskOptions.Section);
        services.AddMetricsAccess();
        services.AddSingleton<Tasks.MemberKeys>();
        services.AddSingleton<Tasks.GridTaskService>();
        services.AddHostedService(sp => sp.GetRequiredService<Tasks.GridTaskService>());
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddHostedService<WallHubBroadcaster>();
        services.AddHealthChecks().AddCheck<WallReadyCheck>("wall").AddCheck<StoreHealthCheck>("store").AddCheck<CalendarHealthCheck>("calendar");
        return builder;
    }

    /// <summary>
    /// With Redis configured, the SignalR Redis backplane: a message for a user, a connection or all clients reaches
    /// them on whichever node they are connected to. (Wall deltas go straight to
    /// this node's own connections: see <see cref="WallSubscribers"/>.)
    /// </summary>
    private static void AddBackplane(IHostApplicationBuilder builder, Microsoft.AspNetCore.SignalR.ISignalRServerBuilder signalR)
    {
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            return;
        }

        var prefix = builder.Configuration[$"{Feeds.Bus.RedisBusOptions.Section}:{nameof(Feeds.Bus.RedisBusOptions.Prefix)}"] ?? new Feeds.Bus.RedisBusOptions().Prefix;
        signalR.AddStackExchangeRedis(redis, o =>
        {
            o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(new Feeds.Bus.RedisKeys(prefix).SignalR);
            o.Configuration.AbortOnConnectFail = false; // a node starts, and its hub serves, while Redis is still coming up
            o.Configuration.ClientName ??= "CommandCenter-backplane";
        });
    }

    public static WebApplication UseCommandCenterWeb(this WebApplication app)
    {
        // Behind a TLS proxy (Security:TrustedProxies): the client's address and scheme, so cookies are Secure and HSTS is sent.
        var security = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
        if (security.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        if (security.HstsDays > 0)
        {
            app.UseHsts(); // only on HTTPS requests, and never for localhost
        }

        // Always: no stack trace ever reaches a user, in any environment.
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseMiddleware<SecurityHeaders>();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<Feeds.Http.ApiProblems>();
        app.UseRateLimiter();
        app.UseMetricsAccess();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<PasswordChangeGate>();
        app.UseAntiforgery();
        app.MapStaticAssets();
        UseLeaflet(app);
        app.MapCenterMetrics();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = Health.HealthText.WriteAsync });
        app.MapSignIn();
        app.MapUserAdministration();
        app.MapAuditCheckpoints();
        app.MapIncidentApi();
        app.MapDispatchApi();
        Tasks.TaskEndpoints.MapTaskApi(app);
        Briefings.BriefingEndpoints.MapBriefingApi(app);
        Open311.Open311Endpoints.MapOpen311(app);
        Open311.Open311Endpoints.MapOpen311Fallback(app);
        app.MapGet("/api/ingest/dead-letters", async (string? limit, IIngestDeadLetters letters, HttpContext http,
            Microsoft.Extensions.Options.IOptionsMonitor<IngestOptions> ingest, Feeds.Reference.ReferenceBook reference) =>
        {
            var tree = reference.Current.Data.Tree;
            if (limit is not null && (!int.TryParse(limit, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > 1000))
            {
                return Api.IncidentEndpoints.Problem(400, "limit", $"'{limit}' is not a whole number from 1 to 1000");
            }

            var max = limit is null ? 100 : int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture);
            // An admin of a part of the tree reads the dead letters of the sources bound within it, nothing else.
            return Results.Json(AdminScope.SeesAll(http.User, tree)
                ? await letters.RecentAsync(max, http.RequestAborted)
                : await letters.RecentOfAsync(AdminScope.SourcesOf(http.User, ingest.CurrentValue), max, http.RequestAborted), Api.IncidentEndpoints.Json);
        }).RequireAuthorization(nameof(Domain.Security.Permission.Administer));
        Duty.RosterEndpoints.MapRoster(app);
        Reference.ReferenceEndpoints.MapReferenceApi(app);
        app.MapCommandCenterIngest();
        // Bounded buffers: a slow client is back-pressured or dropped, never allowed to slow the others.
        app.MapHub<WallHub>(WallHub.Path, o =>
        {
            o.ApplicationMaxBufferSize = 64 * 1024;
            o.TransportMaxBufferSize = 256 * 1024;
        });
        var defaultLayout = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WallOptions>>().Value.DefaultLayout;
        app.MapGet("/", (HttpContext http, WallLayoutCatalog layouts) => Results.Redirect(http.User.Identity?.IsAuthenticated != true
            ? "/login"
            : $"/wall/{HomeLayout(http.User, layouts) ?? defaultLayout}"));
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                var root = address.TrimEnd('/');
                LogWallAddress(app.Logger, root, defaultLayout);
            }
        });
        return app;
    }

    /// <summary>The npm packages of the map widget, each served from its <c>dist</c> folder at <c>/lib/{package}</c>.</summary>
    private static readonly string[] MapPackages = ["leaflet", "leaflet.markercluster", "leaflet.heat", "gcoord"];

    /// <summary>
    /// The map widget's packages (Leaflet, its plugins, gcoord), served from the npm packages the build restores
    /// (<c>node_modules/{package}/dist</c>, or their copy beside the binaries) at <c>/lib/{package}</c>: no CDN at run time, as
    /// walls often sit on isolated networks.
    /// </summary>
    private static void UseLeaflet(WebApplication app)
    {
        foreach (var package in MapPackages)
        {
            var dist = Path.Combine(app.Environment.ContentRootPath, "node_modules", package, "dist");
            if (!Directory.Exists(dist))
            {
                dist = Path.Combine(AppContext.BaseDirectory, "lib", package); // copied beside the binaries by the build
            }

            if (Directory.Exists(dist))
            {
                app.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(dist),
                    RequestPath = "/lib/" + package,
                });
            }
            else
            {
                LogNoLeaflet(app.Logger, dist);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A map package is not installed ({Path}): the map widget will say it is unavailable. Run npm ci in CommandCenter.Web.")]
    private static partial void LogNoLeaflet(ILogger logger, string path);

    /// <summary>The layout made for the user's own jurisdiction, if there is one.</summary>
    private static string? HomeLayout(System.Security.Claims.ClaimsPrincipal user, WallLayoutCatalog layouts) =>
        user.Jurisdiction() is { } own
            ? layouts.Ids().FirstOrDefault(id => layouts.Find(id).Layout?.Scope == own.Value)
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Wall ready: {Address}/wall/{Layout}")]
    private static partial void LogWallAddress(ILogger logger, string address, string layout);
}
