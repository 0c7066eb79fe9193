using System.Globalization;

namespace CommandCenter.Feeds.Bus;

/// <summary>
/// A Redis stream entry id (milliseconds-sequence), compared numerically; and the same id as a log position, the one
/// number the store orders its events by.
/// </summary>
public readonly record struct StreamId(long Milliseconds, long Sequence) : IComparable<StreamId>
{
    /// <summary>Positions count milliseconds from here, so that 41 bits last until 2089.</summary>
    private static readonly long EpochMs = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Bits of a position left for the entry's sequence within its millisecond (4,194,304 entries).</summary>
    private const int SequenceBits = 22;

    public static StreamId Zero { get; } = new(0, 0);

    public static StreamId Parse(string id)
    {
        var parts = id.Split('-');
        return parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ms) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var seq)
            ? new StreamId(ms, seq)
            : Zero;
    }

    public static StreamId Min(StreamId a, StreamId b) => a.CompareTo(b) <= 0 ? a : b;

    /// <summary>
    /// The entry's log position: milliseconds since 2020 in the high bits, the sequence in the low 22, so positions order
    /// exactly as entry ids do. Null for an id that does not fit (in 2020's first millisecond or before, after 2089, or more than 4,194,304 entries in
    /// one millisecond of the Redis clock): such an entry is dead-lettered rather than stored out of order.
    /// </summary>
    public long? ToPosition()
    {
        var ms = Milliseconds - EpochMs;
        return ms is <= 0 or >= 1L << (63 - SequenceBits) || Sequence is < 0 or >= 1L << SequenceBits
            ? null
            : (ms << SequenceBits) | Sequence;
    }

    /// <summary>The entry id at a log position (the inverse of <see cref="ToPosition"/>); <see cref="Zero"/> for 0 or less.</summary>
    public static StreamId FromPosition(long position) =>
        position <= 0 ? Zero : new StreamId((position >> SequenceBits) + EpochMs, position & ((1L << SequenceBits) - 1));

    public static bool operator <(StreamId left, StreamId right) => left.CompareTo(right) < 0;

    public static bool operator <=(StreamId left, StreamId right) => left.CompareTo(right) <= 0;

    public static bool operator >(StreamId left, StreamId right) => left.CompareTo(right) > 0;

    public static bool operator >=(StreamId left, StreamId right) => left.CompareTo(right) >= 0;

    public int CompareTo(StreamId other) =>
        Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);

    public override string ToString() => $"{Milliseconds.ToString(CultureInfo.InvariantCulture)}-{Sequence.ToString(CultureInfo.InvariantCulture)}";
}
