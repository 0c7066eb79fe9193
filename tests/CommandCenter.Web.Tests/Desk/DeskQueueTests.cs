using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Components.Desk;
using CommandCenter.Web.Desk;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Tests.Widgets;
using Microsoft.AspNetCore.Components.Web;

namespace CommandCenter.Web.Tests.Desk;

/// <summary>The desk's queue in bUnit: tabs, and every action of the state machine through its button, form or key.</summary>
public sealed class DeskQueueTests : WidgetTestContext
{
    private static readonly DateTimeOffset T = Situations.MondayNine;
    private readonly List<(string Order, DeskCommand Command, string Key)> _acts = [];

    public DeskQueueTests()
    {
        Data.Report("NEW-1", Urgency.Urgent, "电梯困人", T)
            .Report("ACC-1", at: T).Act("ACC-1", WorkOrderAction.Accept, T.AddMinutes(1))
            .Report("DIS-1", at: T).Act("DIS-1", WorkOrderAction.Accept, T.AddMinutes(1)).Act("DIS-1", WorkOrderAction.Dispatch, T.AddMinutes(2), "U-001-city")
            .Report("INP-1", at: T).Act("INP-1", WorkOrderAction.Accept, T.AddMinutes(1)).Act("INP-1", WorkOrderAction.Dispatch, T.AddMinutes(2), "U-001-city")
            .Act("INP-1", WorkOrderAction.SignOff, T.AddMinutes(3))
            .Report("VER-1", at: T).Act("VER-1", WorkOrderAction.Accept, T.AddMinutes(1)).Act("VER-1", WorkOrderAction.Dispatch, T.AddMinutes(2), "U-001-city")
            .Act("VER-1", WorkOrderAction.SignOff, T.AddMinutes(3)).Act("VER-1", WorkOrderAction.ReportDone, T.AddMinutes(4));
    }

    [Fact]
    public void Each_tab_holds_its_queue_with_counts()
    {
        var cut = RenderQueue();

        Assert.Equal("1", cut.Find("[data-tab=new] .count").TextContent);
        Assert.Equal("2", cut.Find("[data-tab=pending] .count").TextContent);
        Assert.Equal("1", cut.Find("[data-tab=in-progress] .count").TextContent);
        Assert.Equal("1", cut.Find("[data-tab=verify] .count").TextContent);
        cut.Find("[data-tab=pending]").Click();
        Assert.Equal(["ACC-1", "DIS-1"], cut.FindAll("table.desk-orders tbody tr").Select(r => r.GetAttribute("data-order")).Order());
    }

    [Fact]
    public void A_long_tab_lists_its_newest_page_says_how_many_it_holds_and_shows_more_on_request()
    {
        for (var i = 0; i < 130; i++)
        {
            Data.Report($"BULK-{i:000}", at: T.AddSeconds(i));
        }

        var asked = new List<int>();
        var cut = Render<DeskQueue>(p => p
            .Add(x => x.Snapshot, Data.At(T.AddMinutes(10)))
            .Add(x => x.Act, (_, _, _) => Task.FromResult(new DispatchOutcome(DispatchStatus.Dispatched)))
            .Add(x => x.Lists, (list, limit) =>
            {
                asked.Add(limit);
                return Data.Projection.Orders(Situations.District, [list], null, limit, T.AddMinutes(10));
            }));

        Assert.Equal("131", cut.Find("[data-tab=new] .count").TextContent);
        Assert.Equal(DeskTabs.PageSize, cut.FindAll("table.desk-orders tbody tr").Count);
        Assert.Equal("BULK-129", cut.Find("table.desk-orders tbody tr").GetAttribute("data-order"));
        Assert.Contains("共 131 件", cut.Find("[data-more]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-more] button.show-more").Click();

        Assert.Equal(131, cut.FindAll("table.desk-orders tbody tr").Count);
        Assert.Empty(cut.FindAll("[data-more]"));
        Assert.Equal([DeskTabs.PageSize, 2 * DeskTabs.PageSize], asked.Distinct());
    }

    [Theory]
    [InlineData("new", "NEW-1", "Accept", null)]
    [InlineData("new", "NEW-1", "Dispatch", null)]
    [InlineData("pending", "DIS-1", "SignOff", null)]
    [InlineData("verify", "VER-1", "VerifyOk", null)]
    [InlineData("new", "NEW-1", "Reject", "重复工单")]
    [InlineData("pending", "DIS-1", "Return", "不属于本单位")]
    [InlineData("in-progress", "INP-1", "ReportDone", "已处理")]
    [InlineData("in-progress", "INP-1", "Park", "等待配件")]
    [InlineData("verify", "VER-1", "Rework", "现场未整改")]
    [InlineData("pending", "ACC-1", "Close", "已由其他部门处理")]
    [InlineData("in-progress", "INP-1", "Supervise", "请加快")]
    public void An_action_is_sent_for_the_selected_order(string tab, string order, string actionName, string? note)
    {
        var action = Enum.Parse<WorkOrderAction>(actionName);
        var cut = RenderQueue();
        cut.Find($"[data-tab={tab}]").Click();
        cut.Find($"tr[data-order={order}]").Click();

        cut.Find($".desk-actions [data-action={action}]").Click();
        if (note is not null)
        {
            cut.Find(".desk-form input.note").Input(note);
            cut.Find(".desk-form .confirm").Click();
        }

        var sent = Assert.Single(_acts);
        Assert.Equal((order, action, note), (sent.Order, sent.Command.Action, sent.Command.Note));
        Assert.Contains("已", cut.Find(".desk-message").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Postpone_sends_the_extension_and_who_approved_it()
    {
        var cut = RenderQueue();
        cut.Find("[data-tab=in-progress]").Click();
        cut.Find("tr[data-order=INP-1]").Click();

        cut.Find("[data-action=Postpone]").Click();
        cut.Find(".desk-form input.note").Input("需协调物业");
        cut.Find(".desk-form input.hours").Change(48);
        cut.Find(".desk-form input.approver").Input("commander");
        cut.Find(".desk-form input.approver-password").Input("the-commanders-password");
        cut.Find(".desk-form .confirm").Click();

        var sent = Assert.Single(_acts).Command;
        Assert.Equal((WorkOrderAction.Postpone, TimeSpan.FromHours(48), "commander", "the-commanders-password"),
            (sent.Action, sent.Extension, sent.ApprovedBy, sent.ApproverPassword));
        Assert.DoesNotContain("the-commanders-password", sent.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_order_is_evaluated_from_the_evaluation_tab()
    {
        Data.Act("VER-1", WorkOrderAction.VerifyOk, T.AddMinutes(5));
        var closed = Data.Projection.AwaitingEvaluation(Situations.District, T.AddMinutes(10));
        var cut = Render<DeskQueue>(p => p.Add(x => x.Snapshot, Data.At(T.AddMinutes(10))).Add(x => x.AwaitingEvaluation, closed)
            .Add(x => x.Act, (order, command, key) =>
            {
                _acts.Add((order.Id.Value, command, key));
                return Task.FromResult(DispatchOutcome.Done(new DispatchResult(order.Id.Value, 1, "", "", "op", T, [], false)));
            }));

        Assert.Equal("1", cut.Find("[data-tab=evaluate] .count").TextContent);
        cut.Find("[data-tab=evaluate]").Click();
        cut.Find("[data-action=Evaluate]").Click();
        cut.Find(".desk-form select.satisfaction").Change("VerySatisfied");
        cut.Find(".desk-form .confirm").Click();

        Assert.Equal(("VER-1", WorkOrderAction.Evaluate, Satisfaction.VerySatisfied), (_acts.Single().Order, _acts.Single().Command.Action, _acts.Single().Command.Satisfaction));
    }

    [Fact]
    public void Supervise_sends_the_level_chosen()
    {
        var cut = RenderQueue();
        cut.Find("tr[data-order=NEW-1]").Click();

        cut.Find("[data-action=Supervise]").Click();
        cut.Find(".desk-form select.level").Change("Red");
        cut.Find(".desk-form .confirm").Click();

        Assert.Equal(Supervision.Red, Assert.Single(_acts).Command.Level);
    }

    [Fact]
    public void Keys_move_the_selection_and_run_the_frequent_actions()
    {
        var cut = RenderQueue();
        cut.Find("[data-tab=pending]").Click(); // selects the first of the tab

        cut.Find(".desk-queue").KeyDown(new KeyboardEventArgs { Key = "j" });
        cut.Find(".desk-queue").KeyDown(new KeyboardEventArgs { Key = "s" });

        var selected = cut.Find("tr.selected").GetAttribute("data-order");
        Assert.Equal("DIS-1", selected);
        Assert.Equal(("DIS-1", WorkOrderAction.SignOff), (_acts.Single().Order, _acts.Single().Command.Action));
    }

    [Fact]
    public void A_double_click_carries_one_key_and_a_new_urgent_order_is_highlighted()
    {
        var cut = RenderQueue(fresh: ["NEW-1"]);
        cut.Find("tr[data-order=NEW-1]").Click();
        _failNext = true;

        cut.Find("[data-action=Accept]").Click();
        cut.Find("[data-action=Accept]").Click();

        Assert.Equal(2, _acts.Count);
        Assert.Equal(_acts[0].Key, _acts[1].Key);
        Assert.Contains("fresh-urgent", cut.Find("tr[data-order=NEW-1]").ClassList);
    }

    private bool _failNext;

    private Bunit.IRenderedComponent<DeskQueue> RenderQueue(string[]? fresh = null) =>
        Render<DeskQueue>(p => p
            .Add(x => x.Snapshot, Data.At(T.AddMinutes(10)))
            .Add(x => x.FreshUrgent, new HashSet<string>(fresh ?? []))
            .Add(x => x.Act, (order, command, key) =>
            {
                _acts.Add((order.Id.Value, command, key));
                if (_failNext)
                {
                    _failNext = false; // the first click's answer is lost: the retry must be the same dialog
                    return Task.FromResult(new DispatchOutcome(DispatchStatus.Conflict, Problem: "网络中断"));
                }

                return Task.FromResult(DispatchOutcome.Done(new DispatchResult(order.Id.Value, 1, "U-001-city", "狮山横塘街道城管中队", "op",
                    T, [], false)));
            }));
}
