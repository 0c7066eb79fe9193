using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Duty;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Web.Tests;

/// <summary>Builds real projections from a few events, for widget tests.</summary>
internal sealed class Situations
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);
    public static readonly DateTimeOffset MondayNine = new(2026, 11, 23, 9, 0, 0, China);
    public static readonly JurisdictionCode District = JurisdictionCode.From("320505");
    public static readonly JurisdictionCode StreetA = JurisdictionCode.From("320505001");
    public static readonly JurisdictionCode GridA = JurisdictionCode.From("320505001001001");

    private int _next;

    public Situations()
    {
        Tree = new JurisdictionTree(new Jurisdiction(District, "虎丘区"));
        Tree.Add(StreetA, "狮山街道");
        Tree.Add(JurisdictionCode.From("320505001001"), "金色社区");
        Tree.Add(GridA, "金色社区第1网格");
        Projection = new SituationProjection(Tree, TestReference.Data.Categories, TestReference.Data.Sla);
    }

    public JurisdictionTree Tree { get; }

    public SituationProjection Projection { get; }

    public Situations Report(string id, Urgency urgency = Urgency.Normal, string title = "沿街暴露垃圾", DateTimeOffset? at = null,
        string category = "06010", MatterDetails? matter = null)
    {
        var report = new WorkOrderReport(WorkOrderId.From(id), WorkOrderKind.Report, WorkOrderSource.GridPatrol,
            CategoryCode.From(category), urgency, title, GridA, new Domain.Geo.GeoPoint(31.30, 120.56), Matter: matter);
        return Apply(new WorkOrderReported(report), at ?? MondayNine);
    }

    public Situations Act(string id, WorkOrderAction action, DateTimeOffset at, string? unit = null, Supervision? level = null) =>
        Apply(new WorkOrderActed(WorkOrderId.From(id), action, "值班员", "备注", unit, level), at);

    /// <summary>A dispatch to a lead unit with assisting units (联动).</summary>
    public Situations Joint(string id, DateTimeOffset at, string lead, params string[] assisting) =>
        Apply(new WorkOrderActed(WorkOrderId.From(id), WorkOrderAction.Dispatch, "值班员", UnitId: lead, Assisting: assisting), at);

    public Situations Alarm(string device, AlarmKind kind, AlarmSeverity severity, string text, DateTimeOffset? at = null) =>
        Apply(new AlarmRaised(device, kind, severity, text), at ?? MondayNine);

    public Situations Shift(string id, JurisdictionCode scope, string leader, string phone) =>
        Apply(new DutyShiftPosted(new DutyShift(id, scope, new DutyOfficer(leader, phone, "值班长"),
            [new DutyOfficer("值班员甲", "1")], MondayNine.AddHours(-1), MondayNine.AddHours(8))), MondayNine.AddHours(-1));

    public SituationSnapshot At(DateTimeOffset now) => Projection.Snapshot(District, now);

    public static readonly JurisdictionCode StreetB = JurisdictionCode.From("320505002");
    public static readonly JurisdictionCode GridB = JurisdictionCode.From("320505002001001");

    /// <summary>A second street with a grid, for what one street must not see of another.</summary>
    public Situations WithStreetB()
    {
        Tree.Add(StreetB, "枫桥街道");
        Tree.Add(JurisdictionCode.From("320505002001"), "枫桥社区");
        Tree.Add(GridB, "枫桥社区第1网格");
        return this;
    }

    /// <summary>A telemetry event (drone, crowd, camera, patrol) filed in <paramref name="scope"/>.</summary>
    public Situations Telemetry(FeedPayload payload, JurisdictionCode scope, DateTimeOffset at) => Apply(payload, at, scope);

    private Situations Apply(FeedPayload payload, DateTimeOffset at, JurisdictionCode? scope = null)
    {
        var outcome = Projection.Apply(new FeedEvent($"e{++_next}", "test", at, scope ?? GridA, payload));
        Assert.Equal(ApplyResult.Applied, outcome.Result);
        return this;
    }
}
