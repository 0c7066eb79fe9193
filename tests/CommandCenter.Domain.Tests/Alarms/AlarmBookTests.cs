using CommandCenter.Domain.Alarms;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.Alarms;

public sealed class AlarmBookTests
{
    [Fact]
    public void A_source_holds_at_most_its_cap_of_open_alarms_and_clears_make_room()
    {
        var book = new AlarmBook(perSource: 3);
        var raised = Enumerable.Range(0, 5).Select(i => Raise(book, $"flood.SMK-{i}", "flood")).ToList();

        Assert.Equal(3, raised.Count(a => a is not null));
        Assert.NotNull(Raise(book, "other.SMK-0", "other")); // another source is not held back
        Assert.NotNull(Raise(book, "flood.SMK-0", "flood")); // a repeat of an open alarm goes on
        Assert.Equal(1, book.Active.Single(a => a.DeviceId == "flood.SMK-0").Count - 1);

        book.Clear("flood.SMK-1", AlarmKind.Smoke, MondayNine);
        Assert.NotNull(Raise(book, "flood.SMK-9", "flood"));
        Assert.Equal(4, book.Count);
    }

    private static Alarm? Raise(AlarmBook book, string device, string source) =>
        book.Raise($"{device}-raised", device, AlarmKind.Smoke, AlarmSeverity.Critical, "烟感", GridA1, null, MondayNine, source);
}
