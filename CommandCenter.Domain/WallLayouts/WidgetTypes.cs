namespace CommandCenter.Domain.WallLayouts;

/// <summary>The widget types a layout may place.</summary>
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

    public static IReadOnlyList<string> All { get; } = [KpiTiles, IncidentList, DutyOfficers, AlarmTicker, Clock, IncidentMap, Overview];
}
