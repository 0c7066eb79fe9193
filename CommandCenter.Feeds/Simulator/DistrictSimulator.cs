using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Feeds.Simulator;

/// <summary>
/// Generates a realistic day of a district: work orders on a daily curve walking through their loop (some
/// late, returned, reworked, supervised), device alarms, patrol drones, a scenic street's crowd, and the duty
/// roster. Deterministic: the same seed, options and start give the same events. The simulator keeps its own
/// agenda; <see cref="Advance"/> returns everything due up to a time, in time order.
/// </summary>
public sealed partial class DistrictSimulator
{
    public const string Source = "simulator";
    internal static readonly TimeSpan China = TimeSpan.FromHours(8);

    private readonly PriorityQueue<Action<DateTimeOffset, List<FeedEvent>>, (DateTimeOffset At, long Seq)> _agenda = new();
    private readonly DemoDistrict _district;
    private readonly SimulatorOptions _options;
    private readonly Random _random;
    private readonly DateTimeOffset _liveFrom;
    private readonly string _runTag;
    private long _scheduled;
    private long _emitted;

    public DistrictSimulator(DemoDistrict district, SimulatorOptions options, DateTimeOffset start)
    {
        _district = district;
        _options = options;
        _random = new Random(options.Seed);
        _liveFrom = start;
        _runTag = Base36(start.ToUnixTimeSeconds() / 60 % (36 * 36 * 36));
        var from = start - TimeSpan.FromHours(options.BackfillHours);

        ScheduleNextOrder(from);
        ScheduleNextAlarm(from);
        PostRoster(from, start);
        StartDrones(start);
        Schedule(start, CrowdTick);
    }

    public DemoDistrict District => _district;

    /// <summary>Everything due up to <paramref name="to"/>, oldest first.</summary>
    public IReadOnlyList<FeedEvent> Advance(DateTimeOffset to)
    {
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

    private void Emit(List<FeedEvent> events, DateTimeOffset at, JurisdictionCode scope, FeedPayload payload) =>
        events.Add(new FeedEvent($"sim-{_runTag}-{++_emitted}", Source, at, scope, payload));

    /// <summary>A duration in minutes between <paramref name="min"/> and <paramref name="max"/>, shortened by the speed.</summary>
    private TimeSpan Minutes(double min, double max) =>
        TimeSpan.FromMinutes((min + _random.NextDouble() * (max - min)) / _options.Speed);

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private T Weighted<T>(IReadOnlyList<T> items, Func<T, int> weight)
    {
        var roll = _random.Next(items.Sum(weight));
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

    private static string Base36(long value)
    {
        const string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var chars = new char[3];
        for (var i = 2; i >= 0; i--, value /= 36)
        {
            chars[i] = digits[(int)(value % 36)];
        }

        return new string(chars);
    }
}
