using CommandCenter.Feeds.Bus;

namespace CommandCenter.Feeds.Tests.Bus;

/// <summary>A stream entry id as a log position: the same order, and back again.</summary>
public sealed class StreamIdTests
{
    [Theory]
    [InlineData("1796180000000-0", "1796180000000-1")]
    [InlineData("1796180000000-4194303", "1796180000001-0")]
    [InlineData("1577836800001-0", "1577836800001-1")]
    [InlineData("1796180000000-17", "3700000000000-0")]
    public void Positions_order_as_entry_ids_do(string earlier, string later)
    {
        var a = StreamId.Parse(earlier).ToPosition();
        var b = StreamId.Parse(later).ToPosition();

        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.True(a < b, $"{earlier} → {a} is not before {later} → {b}");
        Assert.Equal(earlier, StreamId.FromPosition(a!.Value).ToString());
        Assert.Equal(later, StreamId.FromPosition(b!.Value).ToString());
    }

    [Theory]
    [InlineData("0-1")]                     // before 2020: a hand-made id, not Redis's clock
    [InlineData("1796180000000-4194304")]   // more entries in one millisecond than a position holds
    [InlineData("9999999999999-0")]         // after 2089
    public void Ids_a_position_cannot_hold_are_refused_rather_than_misplaced(string id) =>
        Assert.Null(StreamId.Parse(id).ToPosition());
}
