using CommandCenter.Domain.Categories;

namespace CommandCenter.Domain.WorkOrders;

/// <summary>
/// What a social-governance matter is reported with beyond the usual: a safety hazard's rectification deadline (整改期限, a
/// China date, the whole day counting) and its 挂牌 level; a special-group matter's group (独居老人, 社区矫正对象, …).
/// </summary>
public sealed record MatterDetails(DateOnly? RectifyBy = null, Placard Placard = Placard.None, string? Group = null)
{
    /// <summary>The fields that do not belong to the category's matter, named as the tickets feed names them.</summary>
    public IEnumerable<string> Misplaced(GovernanceMatter matter)
    {
        if (matter != GovernanceMatter.Hazard && RectifyBy is not null)
        {
            yield return "rectifyBy";
        }

        if (matter != GovernanceMatter.Hazard && Placard != Placard.None)
        {
            yield return "placard";
        }

        if (matter != GovernanceMatter.SpecialGroup && Group is not null)
        {
            yield return "group";
        }
    }
}
