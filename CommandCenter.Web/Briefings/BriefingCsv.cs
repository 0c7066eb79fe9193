using System.Globalization;
using System.Text;
using CommandCenter.Domain.Briefings;
using CommandCenter.Domain.Kpis;

namespace CommandCenter.Web.Briefings;

/// <summary>
/// A briefing as CSV for the morning meeting's spreadsheet: UTF-8 with a byte-order mark (so Excel reads the Chinese),
/// sections for the totals, the KPIs with their denominators, the breakdowns, and the overdue and supervised orders.
/// No citizen's name or phone is exported.
/// </summary>
public static class BriefingCsv
{
    public static byte[] Write(Briefing b)
    {
        var csv = new StringBuilder();
        Line(csv, "简报", b.ScopeName, b.Scope.Value);
        Line(csv, "时段", China(b.From), China(b.To));
        csv.AppendLine();
        Line(csv, "指标", "数值");
        foreach (var (name, value) in new (string, int)[]
                 {
                     ("受理", b.Reported), ("办结", b.Closed), ("在办", b.Open), ("超期", b.Overdue), ("紧急", b.Urgent),
                     ("返工", b.Reworked), ("黄牌督办", b.SupervisedYellow), ("红牌督办", b.SupervisedRed),
                 })
        {
            Line(csv, name, value.ToString(CultureInfo.InvariantCulture));
        }

        csv.AppendLine();
        Line(csv, "考核指标", "比率", "分子", "分母");
        foreach (var (name, ratio) in new (string, Ratio)[]
                 {
                     ("办结率", b.Kpis.ClosureRate), ("按时办结率", b.Kpis.OnTimeClosure), ("按时处置率", b.Kpis.OnTimeHandling),
                     ("按时签收率", b.Kpis.OnTimeSignOff), ("返工率", b.Kpis.ReworkRate), ("延期率", b.Kpis.PostponementRate),
                     ("派单准确率", b.Kpis.DispatchAccuracy), ("满意率", b.Kpis.Satisfaction),
                 })
        {
            Line(csv, name, ratio.Percent, ratio.Numerator.ToString(CultureInfo.InvariantCulture), ratio.Denominator.ToString(CultureInfo.InvariantCulture));
        }

        Groups(csv, "街道", b.ByStreet);
        Groups(csv, "类别", b.ByCategory);
        Groups(csv, "处置单位", b.ByUnit);
        Orders(csv, "超期工单", b.OverdueOrders);
        Orders(csv, "督办工单", b.SupervisedOrders);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void Groups(StringBuilder csv, string title, IReadOnlyList<BriefingGroup> groups)
    {
        csv.AppendLine();
        Line(csv, title, "受理", "办结", "超期", "督办");
        foreach (var g in groups)
        {
            Line(csv, g.Name, Number(g.Reported), Number(g.Closed), Number(g.Overdue), Number(g.Supervised));
        }
    }

    private static void Orders(StringBuilder csv, string title, IReadOnlyList<BriefingOrder> orders)
    {
        csv.AppendLine();
        Line(csv, title, "工单号", "类别", "辖区", "单位", "上报时间", "截止", "督办");
        foreach (var o in orders)
        {
            Line(csv, o.Title, o.Id.Value, o.Category.Value, o.Scope.Value, o.UnitId ?? "", China(o.ReportedAt),
                o.Deadline is { } d ? China(d) : "", o.Supervision.ToString());
        }
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string China(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>One CSV line; cells quoted when needed, and a leading =, +, - or @ neutralised so no cell runs as a formula.</summary>
    private static void Line(StringBuilder csv, params string[] cells) =>
        csv.AppendLine(string.Join(',', cells.Select(Cell)));

    private static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, CultureInfo.InvariantCulture, out _) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
