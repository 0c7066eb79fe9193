using CommandCenter.Feeds.Bus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Feeds.Simulator;

/// <summary>
/// Runs the district simulator against the wall clock and publishes what it generates, through the feeds' own adapters
/// (<see cref="SimulatedFeeds"/>).
/// </summary>
internal sealed partial class SimulatorService(
    IFeedBus bus,
    IServiceProvider services,
    IOptions<SimulatorOptions> options,
    IOptionsMonitor<Ingest.IngestOptions> ingest,
    Reference.ReferenceBook reference,
    TimeProvider time,
    Microsoft.Extensions.Hosting.IHostEnvironment environment,
    ILogger<SimulatorService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);
    private const int PublishChunk = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled();
            return;
        }

        // Leave StartAsync at once: the first step generates the backfill, which must not hold up the host.
        await Task.Yield();
        // Built here, off the start path (half a second of geometry), and only when the simulator runs.
        var district = services.GetRequiredService<DemoDistrict>();
        var simulator = new DistrictSimulator(district, options.Value, time.GetUtcNow(), ingest.CurrentValue.AlarmRules.OpenWorkOrderFor);
        var adapters = new SimulatedFeeds(reference, ingest.CurrentValue, time);
        LogStarted(options.Value.Seed, options.Value.OrdersPerDay, options.Value.Speed);
        if (!Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(environment))
        {
            LogOutsideDevelopment(environment.EnvironmentName);
        }
        using var timer = new PeriodicTimer(Tick, time);
        var backlog = new Queue<Domain.Events.FeedEvent>();
        do
        {
            try
            {
                foreach (var feedEvent in adapters.Normalise(simulator.Advance(time.GetUtcNow())))
                {
                    backlog.Enqueue(reference.Current.Data.Sla.WithLimitsFixed(feedEvent));
                }

                foreach (var refused in adapters.Refused)
                {
                    LogRefused(refused);
                }

                adapters.Refused.Clear();

                // Publish in order, in chunks (one commit each on the embedded log); what the bus refuses (Redis or the
                // store down) waits for the next tick, nothing is dropped.
                while (backlog.Count > 0)
                {
                    var chunk = backlog.Take(PublishChunk).ToList();
                    await bus.PublishManyAsync(chunk, stoppingToken).ConfigureAwait(false);
                    for (var i = 0; i < chunk.Count; i++)
                    {
                        backlog.Dequeue();
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad step must not stop the demo feed; the next tick carries on.
                LogStepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A feed adapter refused a simulated event: {Refusal}")]
    private partial void LogRefused(string refusal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator started: seed {Seed}, {OrdersPerDay} orders a day, speed ×{Speed}")]
    private partial void LogStarted(int seed, int ordersPerDay, double speed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator is on in the {Environment} environment: the wall shows invented events mixed with real ones (Simulator:Enabled)")]
    private partial void LogOutsideDevelopment(string environment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator is disabled (Simulator:Enabled=false)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Error, Message = "Simulator step failed; continuing")]
    private partial void LogStepFailed(Exception exception);
}
