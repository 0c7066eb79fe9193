using Bunit;
using CommandCenter.Domain.Dispatch;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Units;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Components.Widgets;
using CommandCenter.Web.Dispatch;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Widgets;

/// <summary>The map widget sends Leaflet only what changed, and dispatches from a marker for those who may.</summary>
public class IncidentMapTests : WidgetTestContext
{
    private readonly BunitJSModuleInterop _module;

    public IncidentMapTests()
    {
        Services.AddSingleton(TestReference.Book());
        _module = JSInterop.SetupModule("./js/incident-map.js");
        _module.SetupModule(invocation => invocation.Identifier == "create");
        _module.SetupVoid("update", _ => true).SetVoidResult();
    }

    [Fact]
    public void Markers_are_sent_once_and_then_only_when_they_change()
    {
        var t = Situations.MondayNine;
        Data.Report("W1", at: t).Report("W2", Urgency.Urgent, "电梯困人", t);
        var cut = Render<IncidentMap>(p => p.Add(x => x.Snapshot, Data.At(t.AddMinutes(1))));

        var first = Updates();
        Assert.Equal(["W1", "W2"], first.Single().Orders!.Upserted.Select(o => o.Id).Order());
        Assert.All(first.Single().Orders!.Upserted, o => Assert.False(o.CanDispatch)); // no dispatcher: a wall display

        Data.Act("W1", WorkOrderAction.Accept, t.AddMinutes(2));
        cut.Render(p => p.Add(x => x.Snapshot, Data.At(t.AddMinutes(3))));
        cut.Render(p => p.Add(x => x.Snapshot, Data.At(t.AddMinutes(3))));

        var all = Updates();
        Assert.Equal(2, all.Count); // the unchanged third render sent nothing
        Assert.Equal(["W1"], all[1].Orders!.Upserted.Select(o => o.Id));
        Assert.Equal("待派遣", all[1].Orders!.Upserted[0].State);
        Assert.Null(all[1].Alarms); // layers that did not change send nothing
    }

    [Fact]
    public async Task A_commander_dispatches_from_a_marker()
    {
        var t = Situations.MondayNine;
        Data.Report("W1", at: t);
        var dispatch = new Recording();
        var cut = Render<CascadingValue<IWallDispatch>>(p => p.Add(x => x.Value, dispatch).Add(x => x.IsFixed, true)
            .AddChildContent<IncidentMap>(map => map.Add(x => x.Snapshot, Data.At(t.AddMinutes(1)))));

        Assert.True(Updates().Single().Orders!.Upserted.Single().CanDispatch);
        var answer = await cut.InvokeAsync(() => cut.FindComponent<IncidentMap>().Instance.DispatchFromMap("W1"));

        Assert.Equal("已派 狮山横塘街道城管中队", answer);
        Assert.Equal(["W1"], dispatch.Orders);
    }

    private List<MapFrame> Updates() => [.. _module.Invocations["update"].Select(i => (MapFrame)i.Arguments[1]!)];

    private sealed class Recording : IWallDispatch
    {
        public List<string> Orders { get; } = [];

        public DispatchRecommendation? Recommend(WorkOrderCard order) => null;

        public Task<DispatchOutcome> DispatchAsync(WorkOrderCard order, string? unitId)
        {
            Orders.Add(order.Id.Value);
            return Task.FromResult(DispatchOutcome.Done(new DispatchResult(order.Id.Value, 1, "U-001-city", "狮山横塘街道城管中队", "commander",
                DateTimeOffset.UnixEpoch, ["派单目录"], false)));
        }
    }
}
