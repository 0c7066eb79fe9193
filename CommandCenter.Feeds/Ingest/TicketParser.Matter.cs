using System.Globalization;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Feeds.Ingest;

public sealed partial class TicketParser
{
    /// <summary>
    /// A social-governance matter's own fields: <c>rectifyBy</c> (a safety hazard's rectification deadline, <c>yyyy-MM-dd</c>,
    /// China date) and <c>placard</c> (<c>street</c> or <c>district</c> 挂牌督办) for class 22, <c>group</c> (特殊人群 such as
    /// 独居老人) for class 23. A field on a category it does not belong to is refused by name.
    /// </summary>
    private static MatterDetails? Matter(FieldReader fields, CategoryCode? category, DateTimeOffset now)
    {
        DateOnly? day = null;
        if (fields.Text("rectifyBy", required: false, 10) is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                fields.Fail("rectifyBy", $"must be a date as yyyy-MM-dd (is '{text}')");
            }
            else if (parsed < DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1) || parsed > DateOnly.FromDateTime(now.UtcDateTime).AddYears(2))
            {
                fields.Fail("rectifyBy", "must be from today to two years ahead");
            }
            else
            {
                day = parsed;
            }
        }

        var placard = fields.Enum<Placard>("placard", required: false);
        var group = fields.Text("group", required: false, 40);
        if (day is null && placard is null && group is null)
        {
            return null;
        }

        var details = new MatterDetails(day, placard ?? Placard.None, group);
        if (category is { } code)
        {
            foreach (var field in details.Misplaced(GovernanceMatters.Of(code)))
            {
                fields.Fail(field, $"belongs to {(field == "group" ? "special groups (class 23)" : "safety hazards (class 22)")}, not to category {code.Value}");
            }
        }

        return details;
    }
}
