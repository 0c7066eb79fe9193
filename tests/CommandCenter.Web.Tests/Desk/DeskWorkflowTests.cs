using System.Security.Claims;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Components.Desk;
using CommandCenter.Web.Desk;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Widgets;

namespace CommandCenter.Web.Tests.Desk;

/// <summary>The desk in bUnit for the field's workflow: assisting units' own steps, review of returns and escalations, reopening.</summary>
public sealed class DeskWorkflowTests : WidgetTestContext
{
    private static readonly DateTimeOffset T = Situations.MondayNine;

    private static readonly ClaimsPrincipal Street =
        CenterUser.Create("op-shishan", "狮山值班员", Role.Operator, JurisdictionCode.From("320505001"), false, "test");

    private static readonly ClaimsPrincipal District =
        CenterUser.Create("op-district", "区值班员", Role.Operator, JurisdictionCode.From("320505"), false, "test");

    private readonly List<(string Order, DeskCommand Command)> _acts = [];

    public DeskWorkflowTests()
    {
        Data.Report("JNT-1", at: T).Act("JNT-1", WorkOrderAction.Accept, T.AddMinutes(1)).Joint("JNT-1", T.AddMinutes(2), "U-001-city", "U-001-env")
            .Act("JNT-1", WorkOrderAction.SignOff, T.AddMinutes(3))
            .Report("ESC-1", at: T).Act("ESC-1", WorkOrderAction.Accept, T.AddMinutes(1)).Act("ESC-1", WorkOrderAction.Escalate, T.AddMinutes(2))
            .Report("RET-1", at: T).Act("RET-1", WorkOrderAction.Accept, T.AddMinutes(1)).Act("RET-1", WorkOrderAction.Dispatch, T.AddMinutes(2), "U-001-city")
            .Act("RET-1", WorkOrderAction.Return, T.AddMinutes(3))
            .Report("DSP-1", at: T, category: "21001", title: "邻里噪音纠纷").Act("DSP-1", WorkOrderAction.Accept, T.AddMinutes(1))
            .Joint("DSP-1", T.AddMinutes(2), "U-001-justice").Act("DSP-1", WorkOrderAction.SignOff, T.AddMinutes(3))
            .Report("HZD-1", at: T, category: "22004", title: "楼道电动自行车充电",
                matter: new MatterDetails(new DateOnly(2026, 11, 27), Domain.Categories.Placard.District));
    }

    [Fact]
    public void A_dispute_is_reported_done_with_the_mediation_outcome_chosen()
    {
        var cut = RenderQueue(Street);
        cut.Find("[data-tab=in-progress]").Click();
        cut.Find("tr[data-order=DSP-1]").Click();

        cut.Find(".desk-actions [data-action=ReportDone]").Click();
        cut.Find(".desk-form select.mediation").Change("Litigation");
        cut.Find(".desk-form input.note").Input("双方分歧较大，引导诉讼");
        cut.Find(".desk-form .confirm").Click();

        Assert.Equal((WorkOrderAction.ReportDone, Domain.Categories.MediationOutcome.Litigation),
            (_acts.Single().Command.Action, _acts.Single().Command.Mediation));
    }

    [Fact]
    public void A_hazard_shows_its_rectification_deadline_and_placard_and_other_orders_no_mediation()
    {
        var cut = RenderQueue(Street);
        cut.Find("tr[data-order=HZD-1]").Click();
        Assert.Equal("整改期限 2026-11-27 · 区级挂牌督办", cut.Find(".desk-matter").TextContent);

        cut.Find("[data-tab=in-progress]").Click();
        cut.Find("tr[data-order=JNT-1]").Click();
        cut.Find(".desk-actions [data-action=ReportDone]").Click();
        Assert.Empty(cut.FindAll(".desk-form select.mediation"));
    }

    [Fact]
    public void An_assisting_unit_signs_and_reports_its_own_part_and_may_be_released()
    {
        var cut = RenderQueue(Street);
        cut.Find("[data-tab=in-progress]").Click();
        cut.Find("tr[data-order=JNT-1]").Click();

        var helper = cut.Find(".desk-parts li[data-part=U-001-env]");
        Assert.Contains("协办", helper.TextContent, StringComparison.Ordinal);
        Assert.Contains("待签收", helper.TextContent, StringComparison.Ordinal);
        Assert.Contains("处理中", cut.Find(".desk-parts li[data-part=U-001-city]").TextContent, StringComparison.Ordinal);
        cut.Find(".desk-parts li[data-part=U-001-env] [data-action=SignOff]").Click();
        cut.Find(".desk-parts li[data-part=U-001-env] [data-action=Release]").Click();
        cut.Find(".desk-form[data-part=U-001-env] input.note").Input("无需环保到场");
        cut.Find(".desk-form .confirm").Click();

        Assert.Equal([(WorkOrderAction.SignOff, "U-001-env", null), (WorkOrderAction.Release, "U-001-env", "无需环保到场")],
            _acts.Select(a => (a.Command.Action, a.Command.UnitId, a.Command.Note)));
    }

    [Fact]
    public void The_lead_reports_from_the_order_actions_without_naming_a_unit()
    {
        var cut = RenderQueue(Street);
        cut.Find("[data-tab=in-progress]").Click();
        cut.Find("tr[data-order=JNT-1]").Click();

        cut.Find(".desk-actions [data-action=ReportDone]").Click();
        cut.Find(".desk-form input.note").Input("已清理");
        cut.Find(".desk-form .confirm").Click();

        var sent = Assert.Single(_acts).Command;
        Assert.Equal((WorkOrderAction.ReportDone, (string?)null), (sent.Action, sent.UnitId));
    }

    [Fact]
    public void An_escalated_order_waits_in_the_review_tab_and_only_the_district_may_dispatch_or_send_it_back()
    {
        var street = RenderQueue(Street);
        street.Find("[data-tab=review]").Click();
        street.Find("tr[data-order=ESC-1]").Click();
        Assert.Equal("区级", street.Find("tr[data-order=ESC-1] .level-tag").TextContent);
        Assert.Empty(street.FindAll(".desk-actions [data-action=Dispatch]"));
        Assert.Empty(street.FindAll(".desk-actions [data-action=SendBack]"));

        var district = RenderQueue(District);
        district.Find("[data-tab=review]").Click();
        district.Find("tr[data-order=ESC-1]").Click();
        Assert.NotEmpty(district.FindAll(".desk-actions [data-action=Dispatch]"));
        district.Find(".desk-actions [data-action=SendBack]").Click();
        district.Find(".desk-form input.note").Input("属街道职责，请街道处置");
        district.Find(".desk-form .confirm").Click();

        Assert.Equal(("ESC-1", WorkOrderAction.SendBack, "属街道职责，请街道处置"), (_acts.Single().Order, _acts.Single().Command.Action, _acts.Single().Command.Note));
    }

    [Theory]
    [InlineData("AcceptReturn", null)]
    [InlineData("RejectReturn", "属城管职责，继续处置")]
    public void A_return_is_accepted_or_refused_from_the_review_tab(string actionName, string? note)
    {
        var action = Enum.Parse<WorkOrderAction>(actionName);
        var cut = RenderQueue(Street);
        cut.Find("[data-tab=review]").Click();
        cut.Find("tr[data-order=RET-1]").Click();
        Assert.Contains("退单待审", cut.Find("tr[data-order=RET-1]").TextContent, StringComparison.Ordinal);

        cut.Find($".desk-actions [data-action={action}]").Click();
        if (note is not null)
        {
            cut.Find(".desk-form input.note").Input(note);
        }

        if (cut.FindAll(".desk-form .confirm").Count > 0)
        {
            cut.Find(".desk-form .confirm").Click();
        }

        Assert.Equal((action, note), (_acts.Single().Command.Action, _acts.Single().Command.Note));
    }

    [Fact]
    public void The_tasks_tab_lists_members_tasks_and_an_order_is_sent_for_verification_with_its_instructions()
    {
        var grid = Situations.GridA;
        Domain.GridMembers.GridTask[] tasks =
        [
            new("visit-a", Domain.GridMembers.GridTaskKind.Visit, "GM-001001001", grid, "走访:独居老人一键呼叫", T),
            new("verify-b", Domain.GridMembers.GridTaskKind.Verify, "GM-001001001", grid, "核查:沿街暴露垃圾", T, "JNT-1", DoneAt: T.AddMinutes(30), Result: "属实"),
        ];
        var asked = new List<(string Order, string? Note)>();
        var cut = Render<DeskQueue>(p => p
            .Add(x => x.Snapshot, Data.At(T.AddMinutes(10))).Add(x => x.User, Street).Add(x => x.Tasks, tasks)
            .Add(x => x.MemberName, id => id == "GM-001001001" ? "徐敏" : id)
            .Add(x => x.Act, (order, command, _) => Task.FromResult(DispatchOutcome.Done(new DispatchResult(order.Id.Value, 1, "", "", "op", T, [], false))))
            .Add(x => x.AssignVerify, (order, note, _) =>
            {
                asked.Add((order.Id.Value, note));
                return Task.FromResult(DispatchOutcome.Done(new DispatchResult(order.Id.Value, 1, "GM-001001001", "徐敏", "op", T, [], false)));
            }));

        Assert.Equal("1", cut.Find("[data-tab=tasks] .count").TextContent);
        cut.Find("[data-tab=tasks]").Click();
        Assert.Equal(["visit-a", "verify-b"], cut.FindAll("table.desk-tasks tbody tr").Select(r => r.GetAttribute("data-task")));
        Assert.Contains("徐敏", cut.Find("tr[data-task=visit-a]").TextContent, StringComparison.Ordinal);
        Assert.Contains("已完成", cut.Find("tr[data-task=verify-b]").TextContent, StringComparison.Ordinal);
        Assert.Contains("属实", cut.Find("tr[data-task=verify-b]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-tab=in-progress]").Click();
        cut.Find("tr[data-order=JNT-1]").Click();
        cut.Find(".desk-actions [data-action=AssignVerify]").Click();
        cut.Find(".desk-form[data-form=AssignVerify] input.note").Input("请核实是否清运");
        cut.Find(".desk-form .confirm").Click();

        Assert.Equal(("JNT-1", "请核实是否清运"), asked.Single());
        Assert.Contains("已派核查 → 网格员 徐敏", cut.Find(".desk-message").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dispatch_picker_starts_from_the_catalogue_and_sends_the_lead_and_the_assisting_units_chosen()
    {
        Data.Report("ACC-2", at: T).Act("ACC-2", WorkOrderAction.Accept, T.AddMinutes(1));
        var data = TestReference.Data;
        var cut = Render<DeskQueue>(p => p
            .Add(x => x.Snapshot, Data.At(T.AddMinutes(10))).Add(x => x.User, Street)
            .Add(x => x.Recommend, card => Domain.Dispatch.DispatchRecommender.Recommend(card, data.Dispatch, data.Units, new Dictionary<string, int>(), data.DepartmentName))
            .Add(x => x.Act, (order, command, _) =>
            {
                _acts.Add((order.Id.Value, command));
                return Task.FromResult(DispatchOutcome.Done(new DispatchResult(order.Id.Value, 1, command.UnitId ?? "", "", "op", T, [], false, command.Assisting)));
            }));
        cut.Find("[data-tab=pending]").Click();
        cut.Find("tr[data-order=ACC-2]").Click();

        cut.Find(".desk-actions [data-action=DispatchPick]").Click();
        Assert.Equal("U-001-city", cut.Find(".desk-form[data-form=DispatchPick] select.lead").GetAttribute("value"));
        Assert.True(cut.Find(".desk-form input[value=U-001-env]").HasAttribute("checked"));
        cut.Find(".desk-form input[value=U-001-env]").Change(false);
        cut.Find(".desk-form input[value=U-002-env]").Change(true);
        cut.Find(".desk-form[data-form=DispatchPick] .confirm").Click();

        var sent = _acts.Single().Command;
        Assert.Equal((WorkOrderAction.Dispatch, "U-001-city"), (sent.Action, sent.UnitId));
        Assert.Equal(["U-002-env"], sent.Assisting!);
    }

    private Bunit.IRenderedComponent<DeskQueue> RenderQueue(ClaimsPrincipal user) =>
        Render<DeskQueue>(p => p
            .Add(x => x.Snapshot, Data.At(T.AddMinutes(10)))
            .Add(x => x.User, user)
            .Add(x => x.Act, (order, command, _) =>
            {
                _acts.Add((order.Id.Value, command));
                return Task.FromResult(DispatchOutcome.Done(new DispatchResult(order.Id.Value, 1, "U-001-city", "狮山横塘街道城管中队", "op", T, [], false)));
            }));
}
