using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Feeds.Simulator;

/// <summary>
/// Generates a realistic day of a district: work orders on a daily curve walking through their loop (some
/// late, returned, reworked, supervised), device alarms, patrol drones, a scenic street's crowd, and the duty
/// roster. A pure function of the seed and the clock: each hour is planned from its own seeded generator and
/// every event id derives from what it reports, so a restarted simulator regenerates the same events (which
/// the store and the projection drop as duplicates) instead of a second, different history.
/// </summary>
public sealed partial class DistrictSimulator
{
    public const string Source = "simulator";
    internal static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly PriorityQueue<Action<DateTimeOffset, List<FeedEvent>>, (DateTimeOffset At, long Seq)> _agenda = new();
    private readonly DemoDistrict _district;
    private readonly SimulatorOptions _options;
    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _liveFrom;
    private DateTimeOffset _nextHour;
    private long _scheduled;

    private readonly IReadOnlyCollection<Domain.Alarms.AlarmKind> _openOrdersFor;

    /// <param name="openOrdersFor">The alarm kinds the ingest alarm rules open work orders for: the simulated departments
    /// handle those orders too (default: the rules' default).</param>
    public DistrictSimulator(DemoDistrict district, SimulatorOptions options, DateTimeOffset start,
        IReadOnlyCollection<Domain.Alarms.AlarmKind>? openOrdersFor = null)
    {
        _openOrdersFor = openOrdersFor ?? new Ingest.AlarmRuleOptions().OpenWorkOrderFor;
        _district = district;
        _options = options;
        _liveFrom = start;
        _from = start - TimeSpan.FromHours(options.BackfillHours);
        _nextHour = new DateTimeOffset(_from.UtcTicks - _from.UtcTicks % Hour.Ticks, TimeSpan.Zero);

        PostRoster(_from, start);
        StartDrones(start);
        StartPatrols(start);
        Schedule(Align(start, CrowdEvery), CrowdTick);
    }

    public DemoDistrict District => _district;

    /// <summary>Everything due up to <paramref name="to"/>, oldest first.</summary>
    public IReadOnlyList<FeedEvent> Advance(DateTimeOffset to)
    {
        while (_nextHour <= to)
        {
            PlanOrders(_nextHour);
            PlanAlarms(_nextHour);
            _nextHour += Hour;
        }

        var events = new List<FeedEvent>();
        while (_agenda.TryPeek(out var step, out var key) && key.At <= to)
        {
            _agenda.Dequeue();
            step(key.At, events);
        }

        return events;
    }

    private void Schedule(DateTimeOffset at, Action<DateTimeOffset, List<FeedEvent>> step) =>
        _agenda.Enqueue(step, (at, _scheduled++));

    /// <summary>Schedules one event, if it falls inside what this run generates.</summary>
    private void ScheduleEvent(DateTimeOffset at, string id, JurisdictionCode scope, FeedPayload payload)
    {
        if (at >= _from)
        {
            Schedule(at, (t, list) => list.Add(new FeedEvent(id, Source, t, scope, payload)));
        }
    }

    /// <summary>A generator for one purpose and one slot of time: the same inputs, the same numbers.</summary>
    private Random RandomFor(long slot, int purpose)
    {
        var x = (ulong)_options.Seed * 0x9E3779B97F4A7C15UL ^ (ulong)slot * 0xBF58476D1CE4E5B9UL ^ (ulong)purpose * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        x *= 0xD6E8FEB86659FD93UL;
        x ^= x >> 32;
        return new Random((int)(x & 0x7FFFFFFF));
    }

    private static DateTimeOffset Align(DateTimeOffset t, TimeSpan step) =>
        new(t.UtcTicks + (step.Ticks - t.UtcTicks % step.Ticks) % step.Ticks, TimeSpan.Zero);

    private static long HourIndex(DateTimeOffset hour) => hour.ToUnixTimeSeconds() / 3600;

    private TimeSpan Minutes(Random r, double min, double max) =>
        TimeSpan.FromMinutes((min + r.NextDouble() * (max - min)) / _options.Speed);

    private static bool Chance(Random r, double p) => r.NextDouble() < p;

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static T Weighted<T>(Random r, IReadOnlyList<T> items, Func<T, int> weight)
    {
        var roll = r.Next(items.Sum(weight));
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    /// <summary>Arrival times of a Poisson process with <paramref name="perHour"/> in one hour.</summary>
    private static IEnumerable<DateTimeOffset> Arrivals(Random r, DateTimeOffset hour, double perHour)
    {
        var t = hour;
        while (perHour > 0)
        {
            t += TimeSpan.FromHours(-Math.Log(1 - r.NextDouble()) / perHour);
            if (t >= hour + Hour)
            {
                yield break;
            }

            yield return t;
        }
    }
}
