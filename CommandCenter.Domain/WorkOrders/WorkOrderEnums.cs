namespace CommandCenter.Domain.WorkOrders;

/// <summary>States of the closed loop (DOMAIN.md §2).</summary>
public enum WorkOrderState
{
    /// <summary>上报</summary>
    Reported = 0,

    /// <summary>已受理</summary>
    Accepted,

    /// <summary>待签收 (dispatched to a unit, waiting for its sign-off)</summary>
    Dispatched,

    /// <summary>处理中</summary>
    InProgress,

    /// <summary>待核查</summary>
    AwaitingVerification,

    /// <summary>已办结 / 结案</summary>
    Closed,

    /// <summary>已评价</summary>
    Evaluated,

    /// <summary>作废 (不予受理)</summary>
    Voided,

    /// <summary>退单待审: the lead unit asked to return the order; the center accepts the return or sends it back.</summary>
    ReturnRequested,

    /// <summary>待区级派遣: a street escalated the order (两级指挥); the district dispatches it or returns it with instructions.</summary>
    Escalated,
}

/// <summary>The wall's roll-up of states into three buckets.</summary>
public enum WallBucket
{
    /// <summary>Not on the wall's buckets (just reported, or voided).</summary>
    None = 0,

    /// <summary>待签收 = Accepted + Dispatched, and orders waiting for the center (退单待审, 待区级派遣).</summary>
    PendingSignOff,

    /// <summary>处理中 = InProgress + AwaitingVerification.</summary>
    InProgress,

    /// <summary>已办结 = Closed + Evaluated.</summary>
    Closed,
}

/// <summary>Supervision flag (督办) on an open order: it only ever escalates.</summary>
public enum Supervision
{
    Normal = 0,

    /// <summary>黄牌</summary>
    Yellow,

    /// <summary>红牌</summary>
    Red,
}

/// <summary>紧急 / 一般</summary>
public enum Urgency
{
    Normal = 0,
    Urgent,
}

/// <summary>12345 request kinds: 咨询, 求助, 投诉, 举报, 建议.</summary>
public enum WorkOrderKind
{
    Inquiry = 0,
    Help,
    Complaint,
    Report,
    Suggestion,
}

/// <summary>Where a work order came from.</summary>
public enum WorkOrderSource
{
    /// <summary>12345 热线</summary>
    Hotline12345 = 0,

    /// <summary>网格员巡查上报</summary>
    GridPatrol,

    /// <summary>民情二维码</summary>
    CitizenQrCode,

    /// <summary>物联感知告警</summary>
    IotAlarm,

    /// <summary>视频AI识别</summary>
    VideoAi,

    /// <summary>无人机巡查</summary>
    DronePatrol,

    /// <summary>110 转办</summary>
    Police110,
}

/// <summary>How an order was closed (vendor closure types).</summary>
public enum ClosureType
{
    Normal = 0,
    Overdue,
    Error,
    Special,
}

/// <summary>Citizen evaluation (好差评), five levels.</summary>
public enum Satisfaction
{
    VeryDissatisfied = 1,
    Dissatisfied = 2,
    BasicallySatisfied = 3,
    Satisfied = 4,
    VerySatisfied = 5,
}

/// <summary>Every action of the state machine, as recorded on the timeline and carried by feed events.</summary>
public enum WorkOrderAction
{
    Report = 0,
    Accept,
    Reject,
    Dispatch,
    SignOff,
    Return,
    ReportDone,
    VerifyOk,
    Rework,
    Postpone,
    Park,
    Resume,
    Close,
    Evaluate,
    Supervise,

    /// <summary>上报区级: a street hands an order it cannot handle to the district.</summary>
    Escalate,

    /// <summary>退回街道: the district returns an escalated order to its street with instructions.</summary>
    SendBack,

    /// <summary>同意退单: the center accepts a unit's return; the order waits for a new dispatch.</summary>
    AcceptReturn,

    /// <summary>驳回退单: the center refuses a unit's return; the order goes back to the unit as it was.</summary>
    RejectReturn,

    /// <summary>重办: an order rated dissatisfied reopens with its history.</summary>
    Reopen,

    /// <summary>释放协办: the center releases an assisting unit from its part.</summary>
    Release,
}

/// <summary>Which level of the two-level command (两级指挥) handles an order.</summary>
public enum HandlingLevel
{
    /// <summary>街道 (the street's sub-center)</summary>
    Street = 0,

    /// <summary>区级 (the district's command center)</summary>
    District,
}

public static class WorkOrderStates
{
    public static bool IsOpen(this WorkOrderState state) =>
        state is WorkOrderState.Reported or WorkOrderState.Accepted or WorkOrderState.Dispatched
            or WorkOrderState.InProgress or WorkOrderState.AwaitingVerification or WorkOrderState.ReturnRequested
            or WorkOrderState.Escalated;

    public static WallBucket ToBucket(this WorkOrderState state) => state switch
    {
        WorkOrderState.Accepted or WorkOrderState.Dispatched or WorkOrderState.ReturnRequested or WorkOrderState.Escalated =>
            WallBucket.PendingSignOff,
        WorkOrderState.InProgress or WorkOrderState.AwaitingVerification => WallBucket.InProgress,
        WorkOrderState.Closed or WorkOrderState.Evaluated => WallBucket.Closed,
        _ => WallBucket.None,
    };
}
