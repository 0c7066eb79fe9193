namespace CommandCenter.Domain.WorkOrders;

/// <summary>
/// Where an order stands, as far as the actions it takes depend on it: its state, whether it is parked, the level that
/// handles it, whether its lead unit has reported and assisting units are still open, and its rating.
/// </summary>
public readonly record struct OrderStanding(WorkOrderState State, bool Parked, HandlingLevel Level = HandlingLevel.Street,
    bool LeadReported = false, bool AssistingOpen = false, Satisfaction? Satisfaction = null)
{
    /// <summary>Rated dissatisfied or very dissatisfied: the order may be reopened (重办).</summary>
    public bool Dissatisfied => Satisfaction is WorkOrders.Satisfaction.Dissatisfied or WorkOrders.Satisfaction.VeryDissatisfied;
}
