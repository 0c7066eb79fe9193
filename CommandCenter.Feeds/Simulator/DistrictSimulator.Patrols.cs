using CommandCenter.Domain.Events;
using CommandCenter.Domain.GridMembers;

namespace CommandCenter.Feeds.Simulator;

public sealed partial class DistrictSimulator
{
    private static readonly TimeSpan PatrolEvery = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Grid members walk their grids while on duty and their app reports every two minutes: most work the day
    /// (08:00–18:00), one in ten the night (18:00–08:00), so the night is quieter. Each walks a loop through four points of
    /// their own grid, twenty minutes round.
    /// </summary>
    private void StartPatrols(DateTimeOffset start)
    {
        foreach (var (index, member) in _district.GridMembers.Index())
        {
            var shape = RandomFor(index, 5);
            var stops = Enumerable.Range(0, 4).Select(_ => _district.PointIn(member.Grid, shape)).ToArray();
            var nights = index % 10 == 0;
            void Tick(DateTimeOffset t, List<FeedEvent> events)
            {
                Schedule(t + PatrolEvery, Tick);
                var hour = t.ToOffset(China).Hour;
                if (nights ? hour is >= 8 and < 18 : hour is < 8 or >= 18)
                {
                    return;
                }

                var along = t.ToUnixTimeSeconds() % 1200 / 300.0;
                var (from, to) = (stops[(int)along], stops[((int)along + 1) % stops.Length]);
                var f = along - Math.Floor(along);
                var at = new Domain.Geo.GeoPoint(from.Latitude + (to.Latitude - from.Latitude) * f, from.Longitude + (to.Longitude - from.Longitude) * f);
                events.Add(new FeedEvent($"sim-patrol-{member.Id}-{t.ToUnixTimeSeconds()}", Source, t, member.Grid,
                    new GridMemberPatrolled(new PatrolPosition(member.Id, at, true, t))));
            }

            // Spread over the interval so the reports do not all come at once.
            Schedule(Align(start, PatrolEvery) + TimeSpan.FromSeconds(index % 120), Tick);
        }
    }
}
