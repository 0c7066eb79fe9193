namespace CommandCenter.Domain.WallLayouts;

/// <summary>The widget kinds a layout may place, each with the options it takes.</summary>
public static class WidgetTypes
{
    public const string KpiTiles = "kpi-tiles";
    public const string IncidentList = "incident-list";
    public const string DutyOfficers = "duty-officers";
    public const string AlarmTicker = "alarm-ticker";
    public const string Clock = "clock";
    public const string IncidentMap = "incident-map";

    /// <summary>辖区概况: the scope's base statistics from the reference data, with its grid members on duty now.</summary>
    public const string Overview = "overview";

    public static IReadOnlyList<WidgetKind> Kinds { get; } =
    [
        new(KpiTiles, "今日工单: the day's counts and rates of the scope", []),
        new(IncidentList, "实时工单: the newest open orders, with their lights", [Rows(14)]),
        new(DutyOfficers, "今日值班: the shifts on duty now", []),
        new(AlarmTicker, "物联感知告警: the newest active alarms", [Rows(8)]),
        new(Clock, "the date and time", []),
        new(IncidentMap, "the commander's map: outlines and the live layers of the scope", MapOptions.All),
        new(Overview, "辖区概况: the scope's base statistics and grid members on duty", []),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Kinds.Select(k => k.Type)];

    public static WidgetKind? Find(string? type) => Kinds.FirstOrDefault(k => k.Type == type);

    private static WidgetOption Rows(int fallback) =>
        new("rows", OptionKind.WholeNumber, "rows shown", new OptionValue.Number(fallback), Minimum: 1, Maximum: 50);
}
