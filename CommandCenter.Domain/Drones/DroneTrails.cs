using CommandCenter.Domain.Geo;

namespace CommandCenter.Domain.Drones;

/// <summary>A point of a drone's trail.</summary>
public readonly record struct TrailPoint(GeoPoint Position, DateTimeOffset At);

/// <summary>
/// Each drone's recent track, thinned: a point is kept when it is <see cref="Spacing"/> after the last one kept (the latest
/// position is always the drone's own), and points older than <see cref="Kept"/> are dropped. Memory per drone is bounded
/// (at most <see cref="Kept"/> / <see cref="Spacing"/> points) whatever the telemetry rate.
/// </summary>
public sealed class DroneTrails
{
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(10);

    /// <summary>As long as the longest trail a map may draw (<c>trailMinutes</c> up to 120).</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromHours(2);

    private readonly Dictionary<string, Trail> _trails = new(StringComparer.Ordinal);

    public void Add(DroneTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (!_trails.TryGetValue(track.DroneId, out var trail))
        {
            _trails[track.DroneId] = trail = new Trail();
        }

        if (trail.Points.Count == 0 || track.At - trail.LastAt >= Spacing)
        {
            trail.Points.Enqueue(new TrailPoint(track.Position, track.At));
            trail.LastAt = track.At;
        }

        while (trail.Points.Count > 0 && track.At - trail.Points.Peek().At > Kept)
        {
            trail.Points.Dequeue();
        }
    }

    /// <summary>The thinned trail of <paramref name="droneId"/> since <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<TrailPoint> Of(string droneId, DateTimeOffset since) =>
        _trails.TryGetValue(droneId, out var trail) ? [.. trail.Points.Where(p => p.At >= since)] : [];

    /// <summary>Forgets the trails of drones no longer on the wall.</summary>
    public void Keep(IEnumerable<string> droneIds)
    {
        var kept = droneIds.ToHashSet(StringComparer.Ordinal);
        foreach (var id in _trails.Keys.Where(id => !kept.Contains(id)).ToList())
        {
            _trails.Remove(id);
        }
    }

    private sealed class Trail
    {
        public Queue<TrailPoint> Points { get; } = new();

        public DateTimeOffset LastAt { get; set; }
    }
}
