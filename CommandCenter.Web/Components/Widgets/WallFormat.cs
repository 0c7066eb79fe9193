using System.Globalization;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Web.Components.Widgets;

/// <summary>How the wall words times, states and lights (Chinese, compact, readable at a distance).</summary>
public static class WallFormat
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static DateTimeOffset Local(DateTimeOffset at) => at.ToOffset(China);

    /// <summary>"刚刚", "12分钟", "3小时5分", "2天4小时".</summary>
    public static string Age(TimeSpan age) => age switch
    {
        _ when age < TimeSpan.FromMinutes(1) => "刚刚",
        _ when age < TimeSpan.FromHours(1) => $"{(int)age.TotalMinutes}分钟",
        _ when age < TimeSpan.FromDays(1) => $"{(int)age.TotalHours}小时{age.Minutes}分",
        _ => $"{(int)age.TotalDays}天{age.Hours}小时",
    };

    /// <summary>"更新于 12秒前" for a data age.</summary>
    public static string DataAge(TimeSpan age) => age < TimeSpan.FromMinutes(1)
        ? $"{Math.Max(0, (int)age.TotalSeconds)}秒前"
        : Age(age) + "前";

    public static string Time(DateTimeOffset at) => Local(at).ToString("HH:mm", Zh);

    public static string Date(DateTimeOffset at) => Local(at).ToString("yyyy年M月d日 dddd", Zh);

    public static string Clock(DateTimeOffset at) => Local(at).ToString("HH:mm:ss", Zh);

    public static string State(WorkOrderState state) => state switch
    {
        WorkOrderState.Reported => "待受理",
        WorkOrderState.Accepted => "待派遣",
        WorkOrderState.Dispatched => "待签收",
        WorkOrderState.InProgress => "处理中",
        WorkOrderState.AwaitingVerification => "待核查",
        WorkOrderState.Closed => "已办结",
        WorkOrderState.Evaluated => "已评价",
        WorkOrderState.Voided => "已作废",
        WorkOrderState.ReturnRequested => "退单待审",
        WorkOrderState.Escalated => "待区级派遣",
        _ => state.ToString(),
    };

    public static string Light(SlaLight light) => light switch
    {
        SlaLight.Green => "green",
        SlaLight.Yellow => "yellow",
        SlaLight.Red => "red",
        _ => "none",
    };

    public static string LightLabel(SlaLight light) => light switch
    {
        SlaLight.Green => "正常",
        SlaLight.Yellow => "临期",
        SlaLight.Red => "超期",
        _ => "",
    };

    public static string Severity(AlarmSeverity severity) => severity.ToString().ToLowerInvariant();
}
