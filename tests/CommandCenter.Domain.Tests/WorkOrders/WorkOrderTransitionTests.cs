using CommandCenter.Domain.WorkOrders;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.WorkOrders;

public class WorkOrderTransitionTests
{
    private static readonly DateTimeOffset Later = MondayNine.AddMinutes(30);

    /// <summary>Every action, and the states it may start from.</summary>
    public static TheoryData<WorkOrderAction, WorkOrderState, WorkOrderState> ValidTransitions => new()
    {
        { WorkOrderAction.Accept, WorkOrderState.Reported, WorkOrderState.Accepted },
        { WorkOrderAction.Reject, WorkOrderState.Reported, WorkOrderState.Voided },
        { WorkOrderAction.Dispatch, WorkOrderState.Accepted, WorkOrderState.Dispatched },
        { WorkOrderAction.SignOff, WorkOrderState.Dispatched, WorkOrderState.InProgress },
        { WorkOrderAction.Return, WorkOrderState.Dispatched, WorkOrderState.ReturnRequested },
        { WorkOrderAction.Return, WorkOrderState.InProgress, WorkOrderState.ReturnRequested },
        { WorkOrderAction.AcceptReturn, WorkOrderState.ReturnRequested, WorkOrderState.Accepted },
        { WorkOrderAction.RejectReturn, WorkOrderState.ReturnRequested, WorkOrderState.InProgress },
        { WorkOrderAction.Escalate, WorkOrderState.Accepted, WorkOrderState.Escalated },
        { WorkOrderAction.SendBack, WorkOrderState.Escalated, WorkOrderState.Accepted },
        { WorkOrderAction.Dispatch, WorkOrderState.Escalated, WorkOrderState.Dispatched },
        { WorkOrderAction.Close, WorkOrderState.Escalated, WorkOrderState.Closed },
        { WorkOrderAction.Close, WorkOrderState.ReturnRequested, WorkOrderState.Closed },
        { WorkOrderAction.ReportDone, WorkOrderState.InProgress, WorkOrderState.AwaitingVerification },
        { WorkOrderAction.VerifyOk, WorkOrderState.AwaitingVerification, WorkOrderState.Closed },
        { WorkOrderAction.Rework, WorkOrderState.AwaitingVerification, WorkOrderState.InProgress },
        { WorkOrderAction.Postpone, WorkOrderState.InProgress, WorkOrderState.InProgress },
        { WorkOrderAction.Park, WorkOrderState.InProgress, WorkOrderState.InProgress },
        { WorkOrderAction.Close, WorkOrderState.Accepted, WorkOrderState.Closed },
        { WorkOrderAction.Close, WorkOrderState.Dispatched, WorkOrderState.Closed },
        { WorkOrderAction.Close, WorkOrderState.InProgress, WorkOrderState.Closed },
        { WorkOrderAction.Close, WorkOrderState.AwaitingVerification, WorkOrderState.Closed },
        { WorkOrderAction.Evaluate, WorkOrderState.Closed, WorkOrderState.Evaluated },
        { WorkOrderAction.Supervise, WorkOrderState.Reported, WorkOrderState.Reported },
        { WorkOrderAction.Supervise, WorkOrderState.InProgress, WorkOrderState.InProgress },
    };

    private static readonly WorkOrderAction[] Actions =
    [
        WorkOrderAction.Accept, WorkOrderAction.Reject, WorkOrderAction.Dispatch, WorkOrderAction.SignOff,
        WorkOrderAction.Return, WorkOrderAction.ReportDone, WorkOrderAction.VerifyOk, WorkOrderAction.Rework,
        WorkOrderAction.Postpone, WorkOrderAction.Park, WorkOrderAction.Close, WorkOrderAction.Evaluate,
        WorkOrderAction.Supervise, WorkOrderAction.Escalate, WorkOrderAction.SendBack, WorkOrderAction.AcceptReturn,
        WorkOrderAction.RejectReturn, WorkOrderAction.Reopen, WorkOrderAction.Release,
    ];

    public static TheoryData<WorkOrderAction, WorkOrderState> InvalidTransitions()
    {
        var valid = ValidTransitions.Select(row => ((WorkOrderAction)row[0], (WorkOrderState)row[1])).ToHashSet();
        var data = new TheoryData<WorkOrderAction, WorkOrderState>();
        foreach (var action in Actions)
        {
            foreach (var state in Enum.GetValues<WorkOrderState>())
            {
                var superviseOpen = action == WorkOrderAction.Supervise && state.IsOpen();
                if (!valid.Contains((action, state)) && !superviseOpen)
                {
                    data.Add(action, state);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidTransitions))]
    public void Valid_action_moves_the_order_and_records_it_on_the_timeline(
        WorkOrderAction action, WorkOrderState from, WorkOrderState to)
    {
        var order = OrderIn(from);
        var steps = order.Timeline.Count;

        Perform(order, action);

        Assert.Equal(to, order.State);
        Assert.Equal(steps + 1, order.Timeline.Count);
        var entry = order.Timeline[^1];
        Assert.Equal((action, from, to, Later), (entry.Action, entry.From, entry.To, entry.At));
        Assert.Equal("值班员", entry.Actor);
    }

    [Theory]
    [MemberData(nameof(InvalidTransitions))]
    public void Invalid_action_is_refused_with_a_clear_error_and_changes_nothing(WorkOrderAction action, WorkOrderState from)
    {
        var order = OrderIn(from);
        var steps = order.Timeline.Count;

        var ex = Assert.Throws<WorkOrderTransitionException>(() => Perform(order, action));

        Assert.Equal(from, order.State);
        Assert.Equal(steps, order.Timeline.Count);
        Assert.Contains($"cannot {action}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(from.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WorkOrderState.Reported, WallBucket.None)]
    [InlineData(WorkOrderState.Accepted, WallBucket.PendingSignOff)]
    [InlineData(WorkOrderState.Dispatched, WallBucket.PendingSignOff)]
    [InlineData(WorkOrderState.InProgress, WallBucket.InProgress)]
    [InlineData(WorkOrderState.AwaitingVerification, WallBucket.InProgress)]
    [InlineData(WorkOrderState.Closed, WallBucket.Closed)]
    [InlineData(WorkOrderState.Evaluated, WallBucket.Closed)]
    [InlineData(WorkOrderState.Voided, WallBucket.None)]
    [InlineData(WorkOrderState.ReturnRequested, WallBucket.PendingSignOff)]
    [InlineData(WorkOrderState.Escalated, WallBucket.PendingSignOff)]
    public void States_roll_up_into_the_three_wall_buckets(WorkOrderState state, WallBucket bucket) =>
        Assert.Equal(bucket, OrderIn(state).Bucket);

    [Fact]
    public void Reasons_are_required_where_the_loop_asks_for_them()
    {
        var order = OrderIn(WorkOrderState.Dispatched);
        var ex = Assert.Throws<WorkOrderTransitionException>(() => order.Return(Later, "城管中队", " "));
        Assert.Contains("a reason is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_state_is_covered_by_the_matrix() =>
        Assert.All(Enum.GetValues<WorkOrderState>(), s => Assert.Equal(s, OrderIn(s).State));

    [Fact]
    public void Supervision_escalates_and_never_steps_down()
    {
        var order = OrderIn(WorkOrderState.InProgress);
        Assert.True(order.Supervise(Later, "指挥长", Supervision.Yellow));
        Assert.False(order.Supervise(Later, "指挥长", Supervision.Yellow));
        Assert.True(order.Supervise(Later, "指挥长", Supervision.Red));
        Assert.Throws<WorkOrderTransitionException>(() => order.Supervise(Later, "指挥长", Supervision.Yellow));
        Assert.Equal(Supervision.Red, order.Supervision);
        Assert.Equal(2, order.Timeline.Count(e => e.Action == WorkOrderAction.Supervise));
    }

    [Fact]
    public void Parked_order_cannot_report_done_until_resumed()
    {
        var order = OrderIn(WorkOrderState.InProgress);
        order.Park(Later, "城管中队", "等待产权单位");
        Assert.Throws<WorkOrderTransitionException>(() => order.ReportDone(Later, "城管中队"));
        order.Resume(Later.AddMinutes(5), "城管中队");
        order.ReportDone(Later.AddMinutes(6), "城管中队");
        Assert.Equal(WorkOrderState.AwaitingVerification, order.State);
    }

    [Fact]
    public void Center_closes_only_as_error_or_special()
    {
        var order = OrderIn(WorkOrderState.InProgress);
        Assert.Throws<WorkOrderTransitionException>(() => order.Close(Later, "指挥长", ClosureType.Normal, "x"));
        order.Close(Later, "指挥长", ClosureType.Error, "重复工单");
        Assert.Equal(ClosureType.Error, order.Closure);
    }

    [Fact]
    public void Rework_counts_and_goes_back_to_the_same_unit()
    {
        var order = OrderIn(WorkOrderState.AwaitingVerification);
        order.Rework(Later, "核查员", "现场仍有垃圾");
        Assert.Equal((1, "U-CG-01", WorkOrderState.InProgress), (order.ReworkCount, order.UnitId, order.State));
    }

    private static void Perform(WorkOrder order, WorkOrderAction action)
    {
        const string Who = "值班员";
        switch (action)
        {
            case WorkOrderAction.Accept: order.Accept(Later, Who); break;
            case WorkOrderAction.Reject: order.Reject(Later, Who, "不属于受理范围"); break;
            case WorkOrderAction.Dispatch: order.Dispatch(Later, Who, "U-CG-01"); break;
            case WorkOrderAction.SignOff: order.SignOff(Later, Who); break;
            case WorkOrderAction.Return: order.Return(Later, Who, "非本单位职责"); break;
            case WorkOrderAction.ReportDone: order.ReportDone(Later, Who, "已处理"); break;
            case WorkOrderAction.VerifyOk: order.VerifyOk(Later, Who); break;
            case WorkOrderAction.Rework: order.Rework(Later, Who, "未处理到位"); break;
            case WorkOrderAction.Postpone: order.Postpone(Later, Who, TimeSpan.FromHours(2), "值班长张伟"); break;
            case WorkOrderAction.Park: order.Park(Later, Who, "需协调产权单位"); break;
            case WorkOrderAction.Close: order.Close(Later, Who, ClosureType.Special, "特殊结案"); break;
            case WorkOrderAction.Evaluate: order.Evaluate(Later, Who, Satisfaction.VerySatisfied); break;
            case WorkOrderAction.Supervise: order.Supervise(Later, Who, Supervision.Yellow); break;
            case WorkOrderAction.Escalate: order.Escalate(Later, Who, "涉及多部门，街道无法协调"); break;
            case WorkOrderAction.SendBack: order.SendBack(Later, Who, "属街道职责，请街道城管中队处置"); break;
            case WorkOrderAction.AcceptReturn: order.AcceptReturn(Later, Who); break;
            case WorkOrderAction.RejectReturn: order.RejectReturn(Later, Who, "属本单位职责"); break;
            case WorkOrderAction.Reopen: order.Reopen(Later, Who, "市民不满意"); break;
            case WorkOrderAction.Release: order.Release(Later, Who, "U-HB-01", "无需协办"); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
