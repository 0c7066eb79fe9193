using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Kpis;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WorkOrders;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.Situation;

/// <summary>
/// The live index against the definitions: after any mix of events and any passage of time, every scope's counts, rates,
/// lists and pages equal what a scan of every order gives.
/// </summary>
public class OrderIndexTests
{
    private static readonly JurisdictionCode GridB1 = JurisdictionCode.From("320505002001002");
    private static readonly JurisdictionCode[] Scopes = [District, StreetA, StreetB, CommunityA1, GridA1, CommunityB1, GridB1];
    private static readonly JurisdictionCode[] OrderScopes = [GridA1, GridA1, CommunityB1, GridB1, StreetA, District];
    private static readonly string[] Categories = ["06010", "06010", "21001", "22001", "24001"];
    private static readonly TimeSpan[] Steps =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(17), TimeSpan.FromHours(3), TimeSpan.FromHours(9), TimeSpan.FromDays(1), TimeSpan.FromDays(2.5)];
    private static readonly string[] Units = ["U-CG-01", "U-SW-01", "U-JS-01"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Counts_rates_and_lists_equal_a_scan_of_every_order_after_any_events_and_any_time(int seed)
    {
        var random = new Random(seed);
        var projection = new SituationProjection(Tree(), TestData.Categories, TestData.Policy);
        var clock = MondayNine;
        var ids = new List<WorkOrderId>();
        var events = 0;

        for (var step = 0; step < 200; step++)
        {
            for (var n = random.Next(4); n > 0; n--)
            {
                FeedPayload payload = ids.Count < 3 || random.Next(5) == 0 ? NewOrder(random, ids, clock) : Act(random, ids);
                projection.Apply(new FeedEvent($"e{events++}", "test", clock, District, payload));
            }

            Compare(projection, ids, clock, $"seed {seed}, step {step}");
            if (step % 50 == 49)
            {
                projection.Prune(clock);
                ids.RemoveAll(id => projection.FindOrder(id) is null);
                Compare(projection, ids, clock, $"seed {seed}, step {step}, after pruning");
            }

            clock += Steps[random.Next(Steps.Length)] + TimeSpan.FromSeconds(random.Next(600));
        }

        Assert.True(ids.Count > 20, "the walk reported orders");
    }

    [Theory]
    [InlineData(1, int.MaxValue)]
    [InlineData(2, int.MaxValue)]
    [InlineData(3, 12)]
    [InlineData(4, 30)]
    public void A_reader_kept_up_by_changes_alone_holds_what_a_fresh_listing_shows_after_any_events_and_any_time(int seed, int limit)
    {
        var random = new Random(seed);
        var projection = new SituationProjection(Tree(), TestData.Categories, TestData.Policy);
        var clock = MondayNine;
        var ids = new List<WorkOrderId>();
        var held = new Dictionary<string, (long Stamp, WorkOrderCard Card)>();
        var (events, reused, yellowed, unchanged, partial, whole, capped) = (0, 0, 0, 0, 0, 0, 0);
        var (since, complete, exact) = (-1L, false, false);

        for (var step = 0; step < 400; step++)
        {
            for (var n = random.Next(3); n > 0; n--)
            {
                FeedPayload payload = ids.Count < 3 || random.Next(4) == 0 ? NewOrder(random, ids, clock) : Act(random, ids);
                projection.Apply(new FeedEvent($"e{events++}", "test", clock, District, payload));
            }

            if (step % 100 == 99)
            {
                projection.Prune(clock); // orders leave memory: the index takes them out, and readers hear of it
                ids.RemoveAll(id => projection.FindOrder(id) is null);
            }

            // A reader of a first page asks for it whole every third read, and takes the changes to what it holds in between.
            var listing = projection.Standings(District, OrderLists.ByState, limit, clock,
                (id, stamp) => held.TryGetValue(id, out var h) && h.Stamp == stamp, since, complete, wholeDue: step % 3 == 0);
            if (listing.Whole)
            {
                whole++;
                var kept = held;
                held = [];
                foreach (var (id, stamp, card) in listing.Listed)
                {
                    reused += card is null ? 1 : 0;
                    held[id] = (stamp, card ?? kept[id].Card);
                }
            }
            else
            {
                (unchanged, partial) = listing.Listed.Count + listing.Gone.Count == 0 ? (unchanged + 1, partial) : (unchanged, partial + 1);
                capped += listing.Capped ? 1 : 0;
                foreach (var (id, stamp, card) in listing.Listed.Where(l => !listing.Capped || held.ContainsKey(l.Id)))
                {
                    yellowed += held.TryGetValue(id, out var was) && was.Card.Light != card!.Light && was.Card.State == card.State ? 1 : 0;
                    held[id] = (stamp, card!);
                }

                listing.Gone.ToList().ForEach(id => held.Remove(id));
            }

            (since, complete) = (listing.Stamp, listing.Complete);
            // Whole or complete, the reader holds exactly a fresh page; kept up by capped changes, it holds orders still listed
            // (new ones wait for its next whole page). Either way every order it holds is as a fresh card shows it.
            var fresh = projection.Standings(District, OrderLists.ByState, limit, clock, (_, _) => false).Listed;
            var open = projection.Standings(District, OrderLists.ByState, int.MaxValue, clock, (_, _) => false).Listed.Select(f => f.Id).ToHashSet();
            exact = listing.Whole || (listing.Capped ? false : exact || listing.Listed.Count + listing.Gone.Count > 0);
            Assert.True(!exact ? held.Keys.All(open.Contains) : fresh.Select(f => f.Id).Order().SequenceEqual(held.Keys.Order()),
                $"seed {seed}, step {step}: the reader holds other orders than a fresh listing");
            foreach (var (id, (_, shown)) in held)
            {
                var card = projection.CardOf(WorkOrderId.From(id), clock)!;
                Assert.True((card.Light, card.State, card.Title, card.Urgency, card.Location) == (shown.Light, shown.State, shown.Title, shown.Urgency, shown.Location),
                    $"seed {seed}, step {step}: {id} held as {shown.Light}/{shown.State}, now {card.Light}/{card.State}");
            }

            // Small steps as well as large: lights turn between reads with no event.
            clock += TimeSpan.FromMinutes(random.Next(1, 40)) + (random.Next(6) == 0 ? TimeSpan.FromHours(random.Next(1, 30)) : TimeSpan.Zero);
        }

        Assert.True(unchanged > 5, $"reads found nothing changed ({unchanged})");
        Assert.True(whole > 0, $"readers listed whole ({whole})");
        if (limit == int.MaxValue)
        {
            Assert.True(partial > 100, $"readers were kept up by the changes alone ({partial})");
            Assert.True(yellowed > 5, $"lights turned with time alone and were sent as changes ({yellowed})");
        }
        else
        {
            Assert.True(reused > 100, $"a first page reused the cards its reader held ({reused})");
            Assert.True(capped > 50, $"a first page was kept up by its changes between whole reads ({capped})");
        }
    }

    [Fact]
    public void An_order_turns_overdue_on_the_counts_at_the_first_instant_past_its_limit_with_no_event()
    {
        var projection = new SituationProjection(Tree(), TestData.Categories, TestData.Policy);
        projection.Apply(new FeedEvent("e1", "test", MondayNine, GridA1, new WorkOrderReported(Report("WO-1"))));
        projection.Apply(new FeedEvent("e2", "test", MondayNine, GridA1, new WorkOrderActed(WorkOrderId.From("WO-1"), WorkOrderAction.Accept, "受理员")));
        var order = projection.FindOrder(WorkOrderId.From("WO-1"))!;
        var redFrom = order.OverdueFrom!.Value;

        var justBefore = projection.Snapshot(District, redFrom.AddTicks(-1));
        var atIt = projection.Snapshot(District, redFrom);

        Assert.Equal(0, justBefore.Counts.Overdue);
        Assert.Equal(0, justBefore.CountOf(OrderList.Overdue));
        Assert.Equal(1, atIt.Counts.Overdue);
        Assert.Equal(1, atIt.CountOf(OrderList.Overdue));
        Assert.Equal(Domain.Sla.SlaLight.Red, Assert.Single(atIt.OpenOrders).Light);
    }

    [Fact]
    public void Pages_of_a_list_join_up_to_the_whole_list_and_a_cursor_outlives_the_order_it_names()
    {
        var projection = new SituationProjection(Tree(), TestData.Categories, TestData.Policy);
        for (var i = 0; i < 23; i++)
        {
            projection.Apply(new FeedEvent($"e{i}", "test", MondayNine.AddMinutes(i % 5), GridA1, new WorkOrderReported(Report($"WO-{i:00}"))));
        }

        var pages = new List<OrderPage> { projection.Orders(District, OrderLists.ByState, null, 5, MondayNine) };
        while (pages[^1].Next is { } next)
        {
            Assert.True(OrderKey.TryParse(next, out var cursor));
            pages.Add(projection.Orders(District, OrderLists.ByState, cursor, 5, MondayNine));
        }

        var all = pages.SelectMany(p => p.Orders).Select(c => c.Id.Value).ToList();
        var expected = projection.OpenOrders.OrderByDescending(o => o.ReportedAt).ThenBy(o => o.Id.Value, StringComparer.Ordinal)
            .Select(o => o.Id.Value).ToList();
        Assert.Equal(expected, all);
        Assert.Equal(5, pages.Count);
        Assert.All(pages, p => Assert.Equal(23, p.Total));

        Assert.True(OrderKey.TryParse(pages[0].Next, out var first));
        projection.Apply(new FeedEvent("void", "test", MondayNine, GridA1,
            new WorkOrderActed(WorkOrderId.From(first.Id), WorkOrderAction.Reject, "受理员", "重复上报")));
        Assert.Equal(pages[1].Orders.Select(c => c.Id), projection.Orders(District, OrderLists.ByState, first, 5, MondayNine).Orders.Select(c => c.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("~WO-1")]
    [InlineData("12~")]
    [InlineData("x1~WO-1")]
    public void A_cursor_that_is_not_one_is_refused(string text) => Assert.False(OrderKey.TryParse(text, out _));

    private static void Compare(SituationProjection projection, List<WorkOrderId> ids, DateTimeOffset now, string where)
    {
        var all = ids.Select(id => projection.FindOrder(id)!).ToList();
        foreach (var order in all.Where(o => o.OverdueFrom is not null))
        {
            Assert.False(order.SlaAt(order.OverdueFrom!.Value.AddTicks(-1)).IsOverdue, $"{where}: {order.Id} red before OverdueFrom");
            Assert.True(order.SlaAt(order.OverdueFrom!.Value).IsOverdue, $"{where}: {order.Id} not red at OverdueFrom");
        }

        var startOfDay = TestData.Policy.Calendar.StartOfDay(now);
        foreach (var scope in Scopes)
        {
            var inScope = all.Where(o => scope.Contains(o.Report.Scope)).ToList();
            var snapshot = projection.Snapshot(scope, now);
            var counts = WallCounts.Compute(inScope, now, startOfDay);
            Assert.True(counts == snapshot.Counts, $"{where}, {scope}: counts {snapshot.Counts}, by a scan {counts}");
            var today = inScope.Where(o => o.ReportedAt >= startOfDay || o.IsOpen || o.ClosedAt >= startOfDay);
            Assert.True(WorkOrderKpis.ForLevel(today.Select(o => WorkOrderFacts.Of(o, now)), scope.Level) == snapshot.Kpis, $"{where}, {scope}: rates");

            var open = inScope.Where(o => o.IsOpen).OrderByDescending(o => o.ReportedAt).ThenBy(o => o.Id.Value, StringComparer.Ordinal).ToList();
            Assert.Equal(open.Select(o => o.Id), snapshot.OpenOrders.Select(c => c.Id));
            Assert.Equal(open.Count, snapshot.OpenCount);
            Assert.Equal(open.Count(o => o.SlaAt(now).IsOverdue), snapshot.CountOf(OrderList.Overdue));
            Assert.Equal(open.Count(o => o.Supervision != Supervision.Normal), snapshot.CountOf(OrderList.Supervised));
            Assert.Equal(open.Count(o => o.State is WorkOrderState.ReturnRequested or WorkOrderState.Escalated), snapshot.CountOf(OrderList.InReview));
            var overdue = projection.Orders(scope, [OrderList.Overdue], null, 1000, now);
            Assert.Equal(open.Where(o => o.SlaAt(now).IsOverdue).Select(o => o.Id), overdue.Orders.Select(c => c.Id));
        }

        var dueCards = all.Where(o => AutoSupervision.Due(o.State, o.IsParked, o.IsOpen ? o.SlaAt(now).FractionUsed : double.NaN, o.Supervision) is not null)
            .Select(o => o.Id.Value).Order(StringComparer.Ordinal);
        Assert.Equal(dueCards, projection.DueForSupervision(now).Select(c => c.Id.Value));
        foreach (var order in all.Where(o => o.RedCardFrom is not null))
        {
            Assert.True(order.SlaAt(order.RedCardFrom!.Value.AddTicks(-1)).FractionUsed < AutoSupervision.RedFrom, $"{where}: {order.Id} red card due early");
            Assert.True(order.SlaAt(order.RedCardFrom!.Value.AddTicks(1)).FractionUsed >= AutoSupervision.RedFrom, $"{where}: {order.Id} red card late");
        }

        var load = all.Where(o => o.IsOpen && o.UnitId is not null && o.State is WorkOrderState.Dispatched or WorkOrderState.InProgress)
            .GroupBy(o => o.UnitId!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(load.OrderBy(p => p.Key), projection.UnitLoad(now).OrderBy(p => p.Key));
    }

    private static WorkOrderReported NewOrder(Random random, List<WorkOrderId> ids, DateTimeOffset now)
    {
        var id = WorkOrderId.From($"WO-{random.Next(1_000_000):000000}");
        if (ids.Contains(id))
        {
            return new WorkOrderReported(Report(id.Value)); // refused as already reported: a duplicate report changes nothing
        }

        ids.Add(id);
        var category = Categories[random.Next(Categories.Length)];
        var matter = category.StartsWith("22", StringComparison.Ordinal)
            ? new MatterDetails(RectifyBy: DateOnly.FromDateTime(now.AddDays(random.Next(3)).DateTime)) : null;
        return new WorkOrderReported(new WorkOrderReport(id, WorkOrderKind.Report, WorkOrderSource.GridPatrol, CategoryCode.From(category),
            random.Next(4) == 0 ? Urgency.Urgent : Urgency.Normal, "测试工单", OrderScopes[random.Next(OrderScopes.Length)], Matter: matter));
    }

    private static WorkOrderActed Act(Random random, List<WorkOrderId> ids)
    {
        var actions = Enum.GetValues<WorkOrderAction>().Where(a => a != WorkOrderAction.Report).ToArray();
        // The loop's forward steps are weighted up so that orders get far enough to be closed and rated.
        WorkOrderAction[] forward = [WorkOrderAction.Accept, WorkOrderAction.Dispatch, WorkOrderAction.SignOff, WorkOrderAction.ReportDone,
            WorkOrderAction.VerifyOk, WorkOrderAction.Evaluate];
        var action = random.Next(3) == 0 ? actions[random.Next(actions.Length)] : forward[random.Next(forward.Length)];
        string? unit = action == WorkOrderAction.Dispatch || random.Next(3) == 0 ? Units[random.Next(Units.Length)] : null;
        return new WorkOrderActed(ids[random.Next(ids.Count)], action, "测试", "理由", unit,
            Supervision: random.Next(2) == 0 ? Supervision.Yellow : Supervision.Red,
            Satisfaction: (Satisfaction)random.Next(1, 5),
            Extension: TimeSpan.FromDays(1), ApprovedBy: "主任",
            Closure: random.Next(2) == 0 ? ClosureType.Normal : null,
            Assisting: random.Next(3) == 0 ? [Units[random.Next(Units.Length)]] : null,
            Mediation: random.Next(2) == 0 ? MediationOutcome.Settled : MediationOutcome.Unsettled);
    }
}
