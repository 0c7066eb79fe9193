using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Ingest;
using Microsoft.Extensions.Options;

namespace CommandCenter.Feeds.Simulator;

/// <summary>
/// The feeds' own adapters as the simulator uses them: each simulated event that a real feed would carry is written as
/// that feed's input and read back by its parser (judged as of the event's own time), so simulated data is normalised,
/// validated and rule-checked exactly like real data. Events no feed carries (desk and roster actions) pass as they are.
/// </summary>
public sealed class SimulatedFeeds
{
    private readonly IngestFeeds _feeds;

    public SimulatedFeeds(Reference.ReferenceBook reference, IngestOptions options, TimeProvider time)
    {
        var monitor = new Fixed(options);
        var tickets = new TicketParser(reference, time);
        var rules = new AlarmRules(monitor);
        _feeds = new IngestFeeds([tickets, new AlarmParser(tickets, rules, time), new DroneParser(tickets, time), new PatrolParser(reference, time),
            new CrowdParser(tickets, rules, monitor, time), new VideoParser(tickets, rules, time)]);
    }

    /// <summary>Simulated events an adapter refused, with why (a simulator bug if any).</summary>
    public List<string> Refused { get; } = [];

    /// <summary>
    /// The events as the adapters make them. An IoT order the simulator plans and the alarm rules open from its alarm is
    /// one event (same id), given once.
    /// </summary>
    public IEnumerable<FeedEvent> Normalise(IEnumerable<FeedEvent> events)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (SimulatedInputs.ToInput(e) is not var (feed, body) || _feeds.Find(feed) is not { } parser)
            {
                if (given.Add(e.Id))
                {
                    yield return e;
                }

                continue;
            }

            var outcome = parser.Parse(new IngestInput(body, "application/json", DistrictSimulator.Source) { AsOf = e.OccurredAt });
            if (outcome.Rejection is { } rejection)
            {
                Refused.Add($"{e.Id}: {rejection.Reason}");
            }

            foreach (var normalised in outcome.Events.Where(n => given.Add(n.Id)))
            {
                yield return normalised;
            }
        }
    }

    private sealed class Fixed(IngestOptions value) : IOptionsMonitor<IngestOptions>
    {
        public IngestOptions CurrentValue => value;

        public IngestOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<IngestOptions, string?> listener) => null;
    }
}
