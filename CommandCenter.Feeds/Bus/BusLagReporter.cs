using System.Diagnostics.Metrics;
using CommandCenter.Feeds.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CommandCenter.Feeds.Bus;

/// <summary>
/// Reads the consumer groups of the Redis streams every 5 s and reports, per group, the entries not yet delivered to it
/// plus those delivered and not acknowledged (<c>cc.bus.lag</c>): a persister or projector falling behind shows here.
/// </summary>
public sealed partial class BusLagReporter(RedisFeedBus bus, ILogger<BusLagReporter> logger) : BackgroundService
{
    private volatile IReadOnlyList<Measurement<long>> _latest = [];

    /// <summary>Reads the groups once.</summary>
    public async Task<IReadOnlyList<Measurement<long>>> ReadAsync()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var (lane, stream) in new[] { ("durable", bus.Keys.Durable), ("telemetry", bus.Keys.Telemetry) })
        {
            if (!await bus.Database.KeyExistsAsync(stream).ConfigureAwait(false))
            {
                continue;
            }

            foreach (var group in await bus.Database.StreamGroupInfoAsync(stream).ConfigureAwait(false))
            {
                measurements.Add(new Measurement<long>((group.Lag ?? 0) + group.PendingMessageCount,
                    new KeyValuePair<string, object?>("group", group.Name), new KeyValuePair<string, object?>("lane", lane)));
            }
        }

        return _latest = measurements;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var registration = CenterMetrics.ReportLag(() => _latest);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), bus.Time);
        do
        {
            try
            {
                await ReadAsync().ConfigureAwait(false);
            }
            catch (RedisException ex)
            {
                LogReadFailed(ex); // the gauge keeps the last reading until Redis answers again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the bus's consumer groups")]
    private partial void LogReadFailed(Exception exception);
}
