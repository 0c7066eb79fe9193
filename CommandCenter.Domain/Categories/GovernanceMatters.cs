namespace CommandCenter.Domain.Categories;

/// <summary>The social-governance matters (社会治理) the centers handle beside city management, by category class.</summary>
public enum GovernanceMatter
{
    /// <summary>A city-management component or event (GB/T 47678.5), or a governance class without fields of its own.</summary>
    None = 0,

    /// <summary>矛盾纠纷 (class 21): reported done with a mediation outcome.</summary>
    Dispute,

    /// <summary>安全隐患 (class 22): with a rectification deadline (整改期限) and a 挂牌 level.</summary>
    Hazard,

    /// <summary>特殊人群 (class 23): visits (走访) and alerts of people the community looks after, with their group.</summary>
    SpecialGroup,

    /// <summary>信访 (class 24): petitions, closed within their long statutory limit.</summary>
    Petition,
}

/// <summary>How a dispute's mediation ended (调解结果), given when it is reported done.</summary>
public enum MediationOutcome
{
    /// <summary>调解成功</summary>
    Settled = 1,

    /// <summary>调解不成</summary>
    Unsettled,

    /// <summary>引导诉讼</summary>
    Litigation,

    /// <summary>移交有关部门</summary>
    Referred,
}

/// <summary>挂牌督办: the level that placarded a safety hazard for supervision.</summary>
public enum Placard
{
    None = 0,

    /// <summary>街道挂牌</summary>
    Street,

    /// <summary>区级挂牌</summary>
    District,
}

/// <summary>The code range of social-governance matters and the matter of a category.</summary>
public static class GovernanceMatters
{
    /// <summary>Our range: classes 20–29, outside GB/T 47678.5's 01–10.</summary>
    public const int FirstClass = 20;

    public const int LastClass = 29;

    public static GovernanceMatter Of(CategoryCode category) => category.Class switch
    {
        21 => GovernanceMatter.Dispute,
        22 => GovernanceMatter.Hazard,
        23 => GovernanceMatter.SpecialGroup,
        24 => GovernanceMatter.Petition,
        _ => GovernanceMatter.None,
    };

    public static string NameOf(MediationOutcome outcome) => outcome switch
    {
        MediationOutcome.Settled => "调解成功",
        MediationOutcome.Unsettled => "调解不成",
        MediationOutcome.Litigation => "引导诉讼",
        MediationOutcome.Referred => "移交有关部门",
        _ => outcome.ToString(),
    };
}
