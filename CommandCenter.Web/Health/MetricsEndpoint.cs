using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Prometheus;

namespace CommandCenter.Web.Health;

/// <summary><c>Metrics</c> settings: who may read <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Addresses or networks (<c>10.0.0.5</c>, <c>10.1.0.0/16</c>) whose requests are served; loopback by default.</summary>
    public List<string> AllowedAddresses { get; set; } = [];

    /// <summary>A key of at least 16 characters: a request with <c>Authorization: Bearer {key}</c> is served from anywhere.</summary>
    public string? Key { get; set; }
}

/// <summary>
/// <c>/metrics</c> in the Prometheus text format (prometheus-net, which also publishes every .NET meter: the product's
/// "CommandCenter" meter, ASP.NET Core's, SignalR's and the runtime's). Served only to the configured addresses or with the
/// key; anyone else gets a plain 404, as if there were nothing there.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void AddMetricsAccess(this IServiceCollection services) =>
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.AllowedAddresses.All(a => IPNetwork.TryParse(a, out _) || IPAddress.TryParse(a, out _)),
                $"{MetricsOptions.Section}:AllowedAddresses: each entry must be an address (10.0.0.5) or a network (10.1.0.0/16)")
            .Validate(o => o.Key is null or { Length: >= 16 }, $"{MetricsOptions.Section}:Key must be at least 16 characters")
            .ValidateOnStart();

    /// <summary>Refuses <c>/metrics</c> to those who may not read it; call before authentication.</summary>
    public static void UseMetricsAccess(this WebApplication app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (context, next) =>
        {
            if (Allowed(context, context.RequestServices.GetRequiredService<IOptionsMonitor<MetricsOptions>>().CurrentValue))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }));

    /// <summary>Latency buckets from 5 ms to about 80 s, for the product's durations.</summary>
    private static readonly double[] Seconds = Histogram.ExponentialBuckets(0.005, 2, 15);

    /// <summary>
    /// Maps <c>/metrics</c> and starts listening to the .NET meters now, at startup: prometheus-net's meter adapter only
    /// listens from its first collection, so one collection here makes measurements taken before the first scrape count.
    /// </summary>
    public static void MapCenterMetrics(this WebApplication app)
    {
        Metrics.ConfigureMeterAdapter(o => o.ResolveHistogramBuckets = i => i.Unit == "s" ? Seconds : MeterAdapterOptions.DefaultHistogramBuckets);
        Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null).GetAwaiter().GetResult();
        app.MapMetrics(Path);
    }

    internal static bool Allowed(HttpContext context, MetricsOptions options)
    {
        if (options.Key is { } key && context.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(key)))
        {
            return true;
        }

        if (context.Connection.RemoteIpAddress is not { } remote)
        {
            return false;
        }

        remote = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return options.AllowedAddresses.Any(a => IPNetwork.TryParse(a, out var network) ? network.Contains(remote)
            : IPAddress.TryParse(a, out var address) && (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).Equals(remote));
    }
}
