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
        ArgumentNullException.ThrowIfNull(orders);
        Span<int> tally = stackalloc int[Fields];
        foreach (var o in orders)
        {
            Tally.Add(tally, Flags(o, countBasicallySatisfied), 1);
        }

        return FromTally(tally);
    }

    /// <summary>How many counters the rates are made of (the bits of <see cref="Flags"/>).</summary>
    public const int Fields = 21;

    private const int Closed = 0, ClosedOnTime = 1, DueToClose = 2, Reworked = 3, DueToHandle = 4, HandledOnTime = 5, Postponed = 6,
        Dispatched = 7, DispatchedOnce = 8, Callbacks = 9, Satisfied = 10, Signed = 11, SignedOnTime = 12, Mediated = 13, Settled = 14,
        HazardsDue = 15, Rectified = 16, GroupDue = 17, GroupOnTime = 18, PetitionsDue = 19, PetitionsOnTime = 20;

    /// <summary>What one order adds to the numerators and denominators.</summary>
    public static uint Flags(WorkOrderFacts o, bool countBasicallySatisfied = true)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.State == WorkOrderState.Voided)
        {
            return 0;
        }

        var minimum = countBasicallySatisfied ? WorkOrders.Satisfaction.BasicallySatisfied : WorkOrders.Satisfaction.Satisfied;
        var flags = 0u;
        void Set(int bit, bool when) => flags |= when ? 1u << bit : 0;

        var isClosed = o.State.ToBucket() == WallBucket.Closed;
        var overdueOpen = o.State.IsOpen() && o.OverdueNow && !o.Parked;
        if (isClosed || overdueOpen)
        {
            Set(DueToClose, true);
            Set(Closed, isClosed);
            Set(ClosedOnTime, isClosed && o.Closure == ClosureType.Normal);
            Set(Reworked, o.ReworkCount > 0);
            Set(PetitionsDue, o.Matter == Categories.GovernanceMatter.Petition);
            Set(PetitionsOnTime, o.Matter == Categories.GovernanceMatter.Petition && isClosed && o.Closure == ClosureType.Normal);
        }

        if (o.HandledOnTime is not null || (overdueOpen && o.Stage == Sla.SlaStage.Handling))
        {
            Set(DueToHandle, true);
            Set(HandledOnTime, o.HandledOnTime == true);
            Set(Postponed, o.PostponeCount > 0);
            Set(GroupDue, o.Matter == Categories.GovernanceMatter.SpecialGroup);
            Set(GroupOnTime, o.Matter == Categories.GovernanceMatter.SpecialGroup && o.HandledOnTime == true);
        }

        if (o.Mediation is { } outcome)
        {
            Set(Mediated, true);
            Set(Settled, outcome == Categories.MediationOutcome.Settled);
        }

        if (o.RectifiedOnTime is { } inTime)
        {
            Set(HazardsDue, true);
            Set(Rectified, inTime);
        }

        if (o.DispatchCount > 0)
        {
            Set(Dispatched, true);
            Set(DispatchedOnce, o.ReturnCount == 0 && o.DispatchCount == 1);
        }

        if (o.Satisfaction is { } s)
        {
            Set(Callbacks, true);
            Set(Satisfied, s >= minimum);
        }

        if (o.SignedOffOnTime is { } onTime)
        {
            Set(Signed, true);
            Set(SignedOnTime, onTime);
        }
        else if (o.State == WorkOrderState.Dispatched && o.Stage == Sla.SlaStage.SignOff && o.OverdueNow && !o.Parked)
        {
            Set(Signed, true); // never signed and past its limit: as late as one signed late
        }

        return flags;
    }

    /// <summary>The rates from summed <see cref="Flags"/>.</summary>
    public static WorkOrderKpis FromTally(ReadOnlySpan<int> t) => new(
        new Ratio(t[Closed], t[DueToClose]),
        new Ratio(t[ClosedOnTime], t[DueToClose]),
        new Ratio(t[HandledOnTime], t[DueToHandle]),
        new Ratio(t[Reworked], t[DueToClose]),
        new Ratio(t[Postponed], t[DueToHandle]),
        new Ratio(t[DispatchedOnce], t[Dispatched]),
        new Ratio(t[Satisfied], t[Callbacks]),
        new Ratio(t[SignedOnTime], t[Signed]),
        new Ratio(t[Settled], t[Mediated]),
        new Ratio(t[Rectified], t[HazardsDue]),
        new Ratio(t[GroupOnTime], t[GroupDue]),
        new Ratio(t[PetitionsOnTime], t[PetitionsDue]));
}
