using CommandCenter.Domain.Duty;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Feeds.Simulator;

public sealed partial class DistrictSimulator
{
    /// <summary>Posts the roster from the day before <paramref name="from"/> to the day after <paramref name="start"/>, then a day ahead each midnight.</summary>
    private void PostRoster(DateTimeOffset from, DateTimeOffset start)
    {
        var first = DateOnly.FromDateTime(from.ToOffset(China).Date).AddDays(-1);
        var last = DateOnly.FromDateTime(start.ToOffset(China).Date).AddDays(1);
        Schedule(from, (t, events) =>
        {
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                PostDay(day, t, events);
            }
        });

        ScheduleNightlyPost(last);
    }

    private void ScheduleNightlyPost(DateOnly lastPosted)
    {
        var midnight = new DateTimeOffset(lastPosted.ToDateTime(TimeOnly.MinValue), China);
        Schedule(midnight, (t, events) =>
        {
            PostDay(lastPosted.AddDays(1), t, events);
            ScheduleNightlyPost(lastPosted.AddDays(1));
        });
    }

    private void PostDay(DateOnly day, DateTimeOffset at, List<FeedEvent> events)
    {
        var scopes = new[] { (Code: DemoDistrict.DistrictCode, Name: "区指挥中心") }
            .Concat(DemoNames.Streets.Select(s => (Code: DemoDistrict.DistrictCode + s.Code, Name: s.Name)));
        var dayStart = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 30)), China);
        foreach (var (code, _) in scopes)
        {
            var scope = JurisdictionCode.From(code);
            foreach (var (shift, start, hours) in new[] { ("day", dayStart, 9.0), ("night", dayStart.AddHours(9), 15.0) })
            {
                var id = $"{code}-{day:yyyyMMdd}-{shift}";
                var people = new Random(StableHash(id) ^ _options.Seed);
                var leader = Person(people, code.Length == 6, "值班长");
                var members = Enumerable.Range(0, 2).Select(_ => Person(people, false, "值班员")).ToList();
                events.Add(new FeedEvent($"sim-duty-{id}", Source, at, scope,
                    new DutyShiftPosted(new DutyShift(id, scope, leader, members, start, start.AddHours(hours)))));
            }
        }
    }

    private static DutyOfficer Person(Random r, bool landline, string title)
    {
        var name = DemoNames.Surnames[r.Next(DemoNames.Surnames.Length)] + DemoNames.GivenNames[r.Next(DemoNames.GivenNames.Length)];
        var phone = landline ? $"0512-6825{r.Next(1000, 9999)}" : $"1{r.Next(35, 90)} {r.Next(1000, 9999)} {r.Next(1000, 9999)}";
        return new DutyOfficer(name, phone, title);
    }

    /// <summary>FNV-1a: stable across processes, unlike string.GetHashCode.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
