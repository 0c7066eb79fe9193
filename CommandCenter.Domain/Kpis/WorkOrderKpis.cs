using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Kpis;

/// <summary>
/// The KPIs of DOMAIN.md §3 over a population of orders, each with its denominator:
/// due to close (应结案) = closed + open orders past their limit, parked (缓办) and voided excluded;
/// due to handle (应处置) = orders whose handling ended + open orders overdue in handling;
/// signed (应签收) = orders signed off + orders still waiting for sign-off past its limit (counted late).
/// Social-governance matters have their own: 调解成功率 (settled / disputes reported with an outcome), 隐患按期整改率 (hazards
/// verified by their rectification deadline / hazards verified or past it), 特殊人群按期处置率 (the on-time handling of
/// special-group matters) and 信访按期办结率 (the on-time closure of petitions).
/// </summary>
public sealed record WorkOrderKpis(
    Ratio ClosureRate,
    Ratio OnTimeClosure,
    Ratio OnTimeHandling,
    Ratio ReworkRate,
    Ratio PostponementRate,
    Ratio DispatchAccuracy,
    Ratio Satisfaction,
    Ratio OnTimeSignOff,
    Ratio MediationSuccess,
    Ratio HazardRectification,
    Ratio SpecialGroupHandling,
    Ratio PetitionOnTime)
{
    public static WorkOrderKpis Empty { get; } = Compute(Array.Empty<WorkOrderFacts>());

    public static WorkOrderKpis Compute(IEnumerable<WorkOrder> orders, DateTimeOffset now, bool countBasicallySatisfied = true) =>
        Compute(orders.Select(o => WorkOrderFacts.Of(o, now)), countBasicallySatisfied);

    /// <summary>
    /// The rates of a jurisdiction at <paramref name="level"/>, counting each order at the level that handles it (两级指挥):
    /// a street (or a community or grid in it) counts the orders its street handles, not those escalated to the district;
    /// the district counts every order in it, since it answers for both levels.
    /// </summary>
    public static WorkOrderKpis ForLevel(IEnumerable<WorkOrderFacts> orders, Jurisdictions.JurisdictionLevel level, bool countBasicallySatisfied = true) =>
        Compute(level == Jurisdictions.JurisdictionLevel.District ? orders : orders.Where(o => o.Level == HandlingLevel.Street),
            countBasicallySatisfied);

    public static WorkOrderKpis Compute(IEnumerable<WorkOrderFacts> orders, bool countBasicallySatisfied = true)
    {
        int closed = 0, closedOnTime = 0, dueToClose = 0, reworked = 0;
        int dueToHandle = 0, handledOnTime = 0, postponed = 0;
        int dispatched = 0, dispatchedOnce = 0, callbacks = 0, satisfied = 0, signed = 0, signedOnTime = 0;
        int mediated = 0, settled = 0, hazardsDue = 0, rectified = 0, groupDue = 0, groupOnTime = 0, petitionsDue = 0, petitionsOnTime = 0;
        var minimum = countBasicallySatisfied ? WorkOrders.Satisfaction.BasicallySatisfied : WorkOrders.Satisfaction.Satisfied;

        foreach (var o in orders)
        {
            if (o.State == WorkOrderState.Voided)
            {
                continue;
            }

            var isClosed = o.State.ToBucket() == WallBucket.Closed;
            var overdueOpen = o.State.IsOpen() && o.OverdueNow && !o.Parked;
            if (isClosed || overdueOpen)
            {
                dueToClose++;
                closed += isClosed ? 1 : 0;
                closedOnTime += isClosed && o.Closure == ClosureType.Normal ? 1 : 0;
                reworked += o.ReworkCount > 0 ? 1 : 0;
                petitionsDue += o.Matter == Categories.GovernanceMatter.Petition ? 1 : 0;
                petitionsOnTime += o.Matter == Categories.GovernanceMatter.Petition && isClosed && o.Closure == ClosureType.Normal ? 1 : 0;
            }

            if (o.HandledOnTime is not null || (overdueOpen && o.Stage == Sla.SlaStage.Handling))
            {
                dueToHandle++;
                handledOnTime += o.HandledOnTime == true ? 1 : 0;
                postponed += o.PostponeCount > 0 ? 1 : 0;
                groupDue += o.Matter == Categories.GovernanceMatter.SpecialGroup ? 1 : 0;
                groupOnTime += o.Matter == Categories.GovernanceMatter.SpecialGroup && o.HandledOnTime == true ? 1 : 0;
            }

            if (o.Mediation is { } outcome)
            {
                mediated++;
                settled += outcome == Categories.MediationOutcome.Settled ? 1 : 0;
            }

            if (o.RectifiedOnTime is { } inTime)
            {
                hazardsDue++;
                rectified += inTime ? 1 : 0;
            }

            if (o.DispatchCount > 0)
            {
                dispatched++;
                dispatchedOnce += o.ReturnCount == 0 && o.DispatchCount == 1 ? 1 : 0;
            }

            if (o.Satisfaction is { } s)
            {
                callbacks++;
                satisfied += s >= minimum ? 1 : 0;
            }

            if (o.SignedOffOnTime is { } onTime)
            {
                signed++;
                signedOnTime += onTime ? 1 : 0;
            }
            else if (o.State == WorkOrderState.Dispatched && o.Stage == Sla.SlaStage.SignOff && o.OverdueNow && !o.Parked)
            {
                signed++; // never signed and past its limit: as late as one signed late
            }
        }

        return new WorkOrderKpis(
            new Ratio(closed, dueToClose),
            new Ratio(closedOnTime, dueToClose),
            new Ratio(handledOnTime, dueToHandle),
            new Ratio(reworked, dueToClose),
            new Ratio(postponed, dueToHandle),
            new Ratio(dispatchedOnce, dispatched),
            new Ratio(satisfied, callbacks),
            new Ratio(signedOnTime, signed),
            new Ratio(settled, mediated),
            new Ratio(rectified, hazardsDue),
            new Ratio(groupOnTime, groupDue),
            new Ratio(petitionsOnTime, petitionsDue));
    }
}
