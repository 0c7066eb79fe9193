namespace CommandCenter.Domain.Kpis;

/// <summary>One rate as a wall, the hub and the API name it: its key, its name, its value, and what it divides by what.</summary>
public sealed record NamedRate(string Key, string Name, Ratio Ratio, string Basis);

/// <summary>The rates of DOMAIN.md §3 in the order a center reads them, each saying what it counts over what.</summary>
public static class KpiRates
{
    public static IReadOnlyList<NamedRate> Of(WorkOrderKpis kpis)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        return
        [
            new("closure", "办结率", kpis.ClosureRate, "已办结 / 应结案"),
            new("on-time-closure", "按期办结率", kpis.OnTimeClosure, "按期办结 / 应结案"),
            new("satisfaction", "满意率", kpis.Satisfaction, "满意 / 有效回访"),
            new("on-time-sign-off", "签收及时率", kpis.OnTimeSignOff, "按时签收 / 应签收(含超时未签)"),
            new("on-time-handling", "按期处置率", kpis.OnTimeHandling, "按期处置 / 应处置"),
            new("rework", "返工率", kpis.ReworkRate, "返工 / 应结案"),
            new("postponement", "延期率", kpis.PostponementRate, "延期 / 应处置"),
            new("dispatch-accuracy", "准确派遣率", kpis.DispatchAccuracy, "一次派准 / 已派遣"),
            new("mediation-success", "调解成功率", kpis.MediationSuccess, "调解成功 / 已反馈调解结果的矛盾纠纷"),
            new("hazard-rectification", "隐患按期整改率", kpis.HazardRectification, "整改期限内核查通过 / 已整改或已过整改期限的安全隐患"),
            new("special-group-handling", "特殊人群按期处置率", kpis.SpecialGroupHandling, "按期处置 / 应处置的特殊人群走访、告警"),
            new("petition-on-time", "信访按期办结率", kpis.PetitionOnTime, "按期办结 / 应结案的信访件"),
        ];
    }
}
