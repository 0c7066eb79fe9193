using CommandCenter.Feeds.Bus;
using CommandCenter.Feeds.Ingest;
using CommandCenter.Feeds.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace CommandCenter.Feeds;

public static class FeedsSetup
{
    /// <summary>
    /// The feed side: the event bus (in-process on the embedded default), the demo district's jurisdictions,
    /// the ingest edge (<c>/api/ingest/{feed}</c>, mapped by <see cref="IngestEndpoints.MapCommandCenterIngest"/>) and the
    /// simulator (<c>Simulator:Enabled</c>).
    /// </summary>
    public static IHostApplicationBuilder AddCommandCenterFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<Reference.ReferenceOptions>().BindConfiguration(Reference.ReferenceOptions.Section);
        // The folder's geometry checks take most of a second: begun now, they run beside the host's own start.
        var early = Reference.EarlyFolderRead.Start(
            builder.Configuration.GetSection(Reference.ReferenceOptions.Section).Get<Reference.ReferenceOptions>() ?? new Reference.ReferenceOptions());
        builder.Services.TryAddSingleton(sp => new Reference.ReferenceBook(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Reference.ReferenceOptions>>().Value.ReadFolder(early)));
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.TryAddSingleton<IFeedBus, InProcessFeedBus>();
        }
        else
        {
            builder.Services.AddOptions<RedisBusOptions>().BindConfiguration(RedisBusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false; // start and keep retrying; walls show the delay meanwhile
                options.ClientName ??= "CommandCenter";
                return ConnectionMultiplexer.Connect(options);
            });
            builder.Services.TryAddSingleton<RedisFeedBus>();
            builder.Services.TryAddSingleton<IFeedBus>(sp => sp.GetRequiredService<RedisFeedBus>());
            builder.Services.TryAddSingleton<IIngestDeadLetters, RedisIngestDeadLetters>();
            builder.Services.TryAddSingleton<IMessageIds, RedisMessageIds>();
            builder.Services.TryAddSingleton<Reference.IReferenceMirror, Reference.RedisReferenceMirror>();
            builder.Services.AddSingleton<DurableStreamTrimmer>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableStreamTrimmer>());
            builder.Services.AddSingleton<BusLagReporter>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<BusLagReporter>());
        }

        builder.Services.TryAddSingleton<IIngestDeadLetters, InMemoryIngestDeadLetters>();
        builder.Services.TryAddSingleton<IMessageIds, InMemoryMessageIds>();
        builder.Services.TryAddSingleton<Reference.IReferenceMirror, Reference.NoReferenceMirror>();
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        builder.Services.AddSingleton<IngestSources>();
        builder.Services.AddSingleton<TicketParser>();
        builder.Services.AddSingleton<AlarmRules>();
        builder.Services.AddSingleton<IIngestParser>(sp => sp.GetRequiredService<TicketParser>());
        builder.Services.AddSingleton<IIngestParser, AlarmParser>();
        builder.Services.AddSingleton<IIngestParser, DroneParser>();
        builder.Services.AddSingleton<IIngestParser, PatrolParser>();
        builder.Services.AddSingleton<IIngestParser, CrowdParser>();
        builder.Services.AddSingleton<IIngestParser, VideoParser>();
        builder.Services.AddSingleton<IngestFeeds>();
        builder.Services.AddSingleton<IngestPipeline>();
        builder.Services.AddSingleton<MqttIngestService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MqttIngestService>());
        builder.Services.AddHealthChecks().AddCheck<BusHealthCheck>("bus");

        builder.AddDistrictSimulator();
        return builder;
    }
}
