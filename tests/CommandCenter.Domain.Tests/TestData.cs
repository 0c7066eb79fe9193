using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Tests;

/// <summary>Shared fixtures: a Monday morning in Suzhou and a small jurisdiction tree.</summary>
internal static class TestData
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Monday 2026-11-23 09:00 China time, inside office hours.</summary>
    public static readonly DateTimeOffset MondayNine = new(2026, 11, 23, 9, 0, 0, China);

    public static readonly JurisdictionCode District = JurisdictionCode.From("320505");
    public static readonly JurisdictionCode StreetA = JurisdictionCode.From("320505001");
    public static readonly JurisdictionCode StreetB = JurisdictionCode.From("320505002");
    public static readonly JurisdictionCode CommunityA1 = JurisdictionCode.From("320505001001");
    public static readonly JurisdictionCode GridA1 = JurisdictionCode.From("320505001001001");
    public static readonly JurisdictionCode CommunityB1 = JurisdictionCode.From("320505002001");

    /// <summary>The demo district's shipped reference data (<c>wall-layouts/reference</c>), read as a center's would be.</summary>
    public static Domain.Reference.ReferenceData Reference { get; } = ReadShipped();

    /// <summary>The demo district's deadline rules and calendar (holidays of 2025 and 2026 included).</summary>
    public static SlaPolicy Policy => Reference.Sla;

    public static CategoryCatalog Categories => Reference.Categories;

    public static JurisdictionTree Tree()
    {
        var tree = new JurisdictionTree(new Jurisdiction(District, "虎丘区"));
        tree.Add(StreetA, "狮山街道");
        tree.Add(StreetB, "枫桥街道");
        tree.Add(CommunityA1, "金色社区");
        tree.Add(GridA1, "金色社区第1网格");
        tree.Add(CommunityB1, "白马涧社区");
        return tree;
    }

    public static WorkOrderReport Report(string id, Urgency urgency = Urgency.Normal, JurisdictionCode? scope = null,
        string category = "06010", WorkOrderKind kind = WorkOrderKind.Report) =>
        new(WorkOrderId.From(id), kind, WorkOrderSource.GridPatrol, CategoryCode.From(category), urgency,
            "沿街暴露垃圾", scope ?? GridA1);

    public static WorkOrder Order(string id = "WO-1", Urgency urgency = Urgency.Normal, DateTimeOffset? at = null,
        JurisdictionCode? scope = null, string category = "06010") =>
        WorkOrder.Reported(Report(id, urgency, scope, category), Policy, at ?? MondayNine, "网格员");

    /// <summary>An order walked through the loop to <paramref name="target"/>, one minute per step.</summary>
    public static WorkOrder OrderIn(WorkOrderState target, string id = "WO-1", Urgency urgency = Urgency.Normal, string category = "06010")
    {
        var o = Order(id, urgency, category: category);
        var t = MondayNine;
        DateTimeOffset Next() => t = t.AddMinutes(1);
        if (target == WorkOrderState.Reported) return o;
        if (target == WorkOrderState.Voided) { o.Reject(Next(), "受理员", "重复上报"); return o; }
        o.Accept(Next(), "受理员");
        if (target == WorkOrderState.Accepted) return o;
        if (target == WorkOrderState.Escalated) { o.Escalate(Next(), "街道受理员", "需区级协调"); return o; }
        o.Dispatch(Next(), "受理员", "U-CG-01");
        if (target == WorkOrderState.Dispatched) return o;
        o.SignOff(Next(), "城管中队");
        if (target == WorkOrderState.InProgress) return o;
        if (target == WorkOrderState.ReturnRequested) { o.Return(Next(), "城管中队", "非本单位职责"); return o; }
        o.ReportDone(Next(), "城管中队", "已清理");
        if (target == WorkOrderState.AwaitingVerification) return o;
        o.VerifyOk(Next(), "核查员");
        if (target == WorkOrderState.Closed) return o;
        o.Evaluate(Next(), "市民", Satisfaction.Satisfied);
        return o;
    }

    private static Domain.Reference.ReferenceData ReadShipped()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "wall-layouts", "reference");
        var files = Directory.EnumerateFiles(folder, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        var (data, problems) = Domain.Reference.ReferenceFiles.Read(files);
        return data ?? throw new InvalidOperationException("the shipped reference files do not read: " + string.Join("; ", problems));
    }
}
