using CommandCenter.Domain.Events;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Tests.WorkOrders;

/// <summary>The desk's table of allowed actions agrees with the state machine itself, for every state and action.</summary>
public sealed class WorkOrderRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<string> Paths => new()
    {
        "", "A", "AD", "ADS", "ADSP", "ADSR", "ADSPV", "ADSRC", "AE", "AEB", "AED", "ADN", "ADSN", "ADSNY", "ADSNX", "ADSPVG",
        "ADSPVH", "ADSPVGO", "AJ", "AJS", "AJSP", "AJSPL", "AJL", "AJK",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_action_the_table_allows_succeeds_and_every_other_is_refused(string path)
    {
        foreach (var action in Enum.GetValues<WorkOrderAction>().Where(a => a != WorkOrderAction.Report))
        {
            var order = Walk(path);
            var allowed = WorkOrderRules.Allowed(order.Standing).Contains(action);
            var unit = action switch { WorkOrderAction.Dispatch => "U-001-city", WorkOrderAction.Release => "U-2", _ => null };
            var act = new WorkOrderActed(order.Id, action, "tester", Note: "原因", UnitId: unit, Supervision: Supervision.Yellow,
                Satisfaction: Satisfaction.Satisfied, Extension: TimeSpan.FromHours(4), ApprovedBy: "值班长", Closure: ClosureType.Special);
            var refused = Record.Exception(() => order.Perform(act, At.AddHours(1)));
            Assert.True(allowed == (refused is null), $"{action} in {order.State}{(order.IsParked ? " (parked)" : "")}: table says {(allowed ? "allowed" : "refused")}, machine says {refused?.Message ?? "ok"}");
        }
    }

    /// <summary>
    /// A: accept, D: dispatch, S: sign off, P: report done, R: park, V: verify, C: close (for P/R paths via verify or special),
    /// E: escalate, B: send back, N: return, Y/X: accept/reject the return, G/H: rated dissatisfied/satisfied, O: reopen,
    /// J: dispatch with an assisting unit U-2, K: U-2 signs, L: U-2 released.
    /// </summary>
    private static WorkOrder Walk(string path)
    {
        var order = WorkOrder.Reported(TestData.Report("RULES-1"), TestData.Policy, At, "hotline");
        var t = At;
        foreach (var step in path)
        {
            t = t.AddMinutes(5);
            _ = step switch
            {
                'A' => Do(() => order.Accept(t, "a")),
                'D' => Do(() => order.Dispatch(t, "a", "U-1")),
                'S' => Do(() => order.SignOff(t, "a")),
                'P' => Do(() => order.ReportDone(t, "a")),
                'R' => Do(() => order.Park(t, "a", "等待配件")),
                'V' => Do(() => order.VerifyOk(t, "a")),
                'C' => Do(() => order.Close(t, "a", ClosureType.Special, "特殊结案")),
                'E' => Do(() => order.Escalate(t, "a", "需区级协调")),
                'B' => Do(() => order.SendBack(t, "a", "街道处置")),
                'N' => Do(() => order.Return(t, "a", "非本单位职责")),
                'Y' => Do(() => order.AcceptReturn(t, "a")),
                'X' => Do(() => order.RejectReturn(t, "a", "属本单位职责")),
                'G' => Do(() => order.Evaluate(t, "a", Satisfaction.Dissatisfied)),
                'H' => Do(() => order.Evaluate(t, "a", Satisfaction.Satisfied)),
                'O' => Do(() => order.Reopen(t, "a", "不满意")),
                'J' => Do(() => order.Dispatch(t, "a", "U-1", ["U-2"])),
                'K' => Do(() => order.SignOff(t, "a", "U-2")),
                'L' => Do(() => order.Release(t, "a", "U-2", "无需协办")),
                _ => throw new ArgumentOutOfRangeException(nameof(path)),
            };
        }

        return order;
    }

    private static bool Do(Action action)
    {
        action();
        return true;
    }
}
