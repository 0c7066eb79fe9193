using CommandCenter.Domain.Dispatch;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Units;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Components.Widgets;
using CommandCenter.Web.Dispatch;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Web.Tests.Widgets;

public class IncidentListDispatchTests : WidgetTestContext
{
    private readonly RecordingDispatch _dispatch = new();

    [Fact]
    public void A_wall_display_gets_no_dispatch_controls()
    {
        Data.Report("W1", at: Situations.MondayNine);

        var cut = Render<IncidentList>(p => p.Add(x => x.Snapshot, Data.At(Situations.MondayNine.AddMinutes(1))));

        Assert.Empty(cut.FindAll("button"));
        Assert.DoesNotContain("派单", cut.Find("thead").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void One_click_dispatches_the_order_to_the_recommended_unit_and_says_where_it_went()
    {
        Data.Report("W1", Urgency.Urgent, "电梯困人", Situations.MondayNine);
        var cut = RenderWithDispatch();

        cut.Find("tr[data-order=W1] button.dispatch-now").Click();

        Assert.Equal([("W1", null)], _dispatch.Calls);
        Assert.Contains("电梯困人 → 狮山横塘街道城管中队", cut.Find(".dispatch-result").TextContent, StringComparison.Ordinal);
        Assert.Contains("城管牵头", cut.Find(".dispatch-result").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_control_shows_why_and_dispatches_to_the_unit_picked()
    {
        Data.Report("W1", at: Situations.MondayNine);
        var cut = RenderWithDispatch();

        cut.Find("tr[data-order=W1] button.dispatch-pick").Click();
        var choices = cut.FindAll("tr.dispatch-choices button.dispatch-to");
        Assert.Equal(["U-001-city", "U-001-env"], choices.Select(c => c.GetAttribute("data-unit")));
        Assert.Contains("负责该辖区", choices[0].TextContent, StringComparison.Ordinal);
        choices[1].Click();

        Assert.Equal([("W1", "U-001-env")], _dispatch.Calls);
        Assert.Empty(cut.FindAll("tr.dispatch-choices"));
    }

    [Fact]
    public void A_refused_dispatch_is_shown_as_such()
    {
        Data.Report("W1", at: Situations.MondayNine);
        _dispatch.Refuse = true;
        var cut = RenderWithDispatch();

        cut.Find("button.dispatch-now").Click();

        Assert.Contains("failed", cut.Find(".dispatch-result").ClassList);
        Assert.Contains("派单未成功", cut.Find(".dispatch-result").TextContent, StringComparison.Ordinal);
    }

    private Bunit.IRenderedComponent<CascadingValue<IWallDispatch>> RenderWithDispatch() =>
        Render<CascadingValue<IWallDispatch>>(p => p.Add(x => x.Value, _dispatch).Add(x => x.IsFixed, true)
            .AddChildContent<IncidentList>(list => list.Add(x => x.Snapshot, Data.At(Situations.MondayNine.AddMinutes(1)))));

    private sealed class RecordingDispatch : IWallDispatch
    {
        private static readonly Unit City = new("U-001-city", "狮山横塘街道城管中队", "city", Domain.Jurisdictions.JurisdictionCode.From("320505001"));
        private static readonly Unit Env = new("U-001-env", "狮山横塘街道环保所", "env", Domain.Jurisdictions.JurisdictionCode.From("320505001"));

        public List<(string Order, string? Unit)> Calls { get; } = [];

        public bool Refuse { get; set; }

        public DispatchRecommendation Recommend(WorkOrderCard order) =>
            DispatchRecommender.Recommend(order, TestReference.Data.Dispatch, [Env, City], new Dictionary<string, int>(), TestReference.Data.DepartmentName);

        public Task<DispatchOutcome> DispatchAsync(WorkOrderCard order, string? unitId)
        {
            Calls.Add((order.Id.Value, unitId));
            if (Refuse)
            {
                return Task.FromResult(new DispatchOutcome(DispatchStatus.Conflict, Problem: "the order is Closed"));
            }

            var best = Recommend(order).Candidates.First(c => unitId is null || c.Unit.Id == unitId);
            return Task.FromResult(DispatchOutcome.Done(new DispatchResult(order.Id.Value, 1, best.Unit.Id, best.Unit.Name, "commander",
                DateTimeOffset.UnixEpoch, best.Reasons, false)));
        }
    }
}
