using System.Net;
using CommandCenter.Web.Tests.Security;

namespace CommandCenter.Web.Tests.Host;

/// <summary><c>/healthz</c> stays 200 but says Degraded, and why, while next year's working calendar is missing in December.</summary>
public sealed class CalendarHealthTests
{
    [Fact]
    public async Task In_december_without_next_years_calendar_healthz_warns_naming_the_year()
    {
        await using var app = new SecuredApp(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8)));
        await app.ReadyAsync();
        using var client = app.CreateClient();

        var november = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        var december = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, december.StatusCode);
        Assert.Equal("Degraded\ncalendar: the working calendar of 2027 is provisional (weekends only): import calendar-2027.csv once the State Council publishes it",
            await december.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", await november.Content.ReadAsStringAsync());
    }
}
