using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Kpis;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;
using static CommandCenter.Domain.Tests.TestData;

namespace CommandCenter.Domain.Tests.Kpis;

/// <summary>Social-governance matters: their code range, their fields, their deadlines and their rates, against hand counts.</summary>
public sealed class GovernanceMatterTests
{
    private static DateTimeOffset At(int minutes) => MondayNine.AddMinutes(minutes);

    [Theory]
    [InlineData("21001", GovernanceMatter.Dispute)]
    [InlineData("22004", GovernanceMatter.Hazard)]
    [InlineData("23002", GovernanceMatter.SpecialGroup)]
    [InlineData("24003", GovernanceMatter.Petition)]
    [InlineData("06010", GovernanceMatter.None)]
    [InlineData("29001", GovernanceMatter.None)]
    public void The_class_decides_the_matter(string code, GovernanceMatter matter)
    {
        var category = CategoryCode.From(code);
        Assert.Equal(matter, GovernanceMatters.Of(category));
        Assert.Equal(category.Class >= 20, category.IsSocialGovernance);
    }

    [Theory]
    [InlineData("11001")]
    [InlineData("19001")]
    [InlineData("30001")]
    public void Codes_outside_the_standard_and_our_range_are_refused(string code)
    {
        Assert.False(CategoryCode.TryFrom(code, out _, out var error));
        Assert.Contains("class must be 01–10 (GB/T 47678.5) or 20–29 (social governance)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_catalogue_gives_each_matter_its_deadline_and_department()
    {
        LimitIs("21001", Policy.Calendar.WorkingDayLength * 5);
        LimitIs("22004", Policy.Calendar.WorkingDayLength * 5);
        LimitIs("23001", Policy.Calendar.WorkingDayLength * 3);
        LimitIs("23002", TimeSpan.FromHours(1));
        LimitIs("24002", Policy.Calendar.WorkingDayLength * 42);
        Assert.Equal(("justice", "police"), (TestData.Reference.Dispatch.RuleFor(CategoryCode.From("21003")).Lead, TestData.Reference.Dispatch.RuleFor(CategoryCode.From("21003")).Assisting.Single()));
        Assert.Equal("petition", TestData.Reference.Dispatch.RuleFor(CategoryCode.From("24001")).Lead);
        Assert.Equal("矛盾纠纷", TestData.Categories.ClassNames[21]);
    }

    [Fact]
    public void A_dispute_is_reported_done_with_its_mediation_outcome()
    {
        var order = OrderIn(WorkOrderState.InProgress, category: "21001");
        var ex = Assert.Throws<WorkOrderTransitionException>(() => order.ReportDone(At(30), "司法所", "已调解"));
        Assert.Contains("needs the mediation outcome", ex.Message, StringComparison.Ordinal);

        order.ReportDone(At(30), "司法所", "双方达成协议", mediation: MediationOutcome.Settled);

        Assert.Equal((WorkOrderState.AwaitingVerification, MediationOutcome.Settled), (order.State, order.Mediation));
    }

    [Fact]
    public void Mediation_success_counts_settled_disputes_over_disputes_reported_with_an_outcome()
    {
        var settled = Reported("D1", MediationOutcome.Settled);
        var litigation = Reported("D2", MediationOutcome.Litigation);
        var unsettled = Reported("D3", MediationOutcome.Unsettled);
        var open = OrderIn(WorkOrderState.InProgress, "D4", category: "21002"); // no outcome yet: not counted

        Assert.Equal(new Ratio(1, 3), WorkOrderKpis.Compute([settled, litigation, unsettled, open], At(60)).MediationSuccess);
    }

    [Fact]
    public void A_hazard_counts_rectified_when_verified_by_the_end_of_its_day_and_late_once_the_day_is_over()
    {
        var monday = DateOnly.FromDateTime(MondayNine.Date);
        var inTime = Hazard("H1", monday);
        inTime.ReportDone(At(60), "安监");
        inTime.VerifyOk(At(90), "核查");
        var verifiedLate = Hazard("H2", monday);
        var tuesday = MondayNine.AddDays(1);
        verifiedLate.ReportDone(tuesday, "安监");
        verifiedLate.VerifyOk(tuesday.AddMinutes(30), "核查");
        var stillOpen = Hazard("H3", monday);
        var notYet = Hazard("H4", monday.AddDays(3));

        Assert.Equal(new bool?[] { true, false, false, null },
            new[] { inTime, verifiedLate, stillOpen, notYet }.Select(o => o.RectifiedOnTime(tuesday.AddHours(1))));
        Assert.Equal(new Ratio(1, 3), WorkOrderKpis.Compute([inTime, verifiedLate, stillOpen, notYet], tuesday.AddHours(1)).HazardRectification);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, China), inTime.RectifyBy); // the whole of Monday counts
    }

    [Fact]
    public void Special_groups_and_petitions_have_their_own_on_time_rates()
    {
        var visitInTime = OrderIn(WorkOrderState.InProgress, "V1", category: "23001");
        visitInTime.ReportDone(At(60), "民政办");
        var alarmLate = OrderIn(WorkOrderState.InProgress, "V2", category: "23002"); // 1 working hour; reported after 5
        alarmLate.ReportDone(At(300), "民政办");
        var petition = OrderIn(WorkOrderState.InProgress, "P1", category: "24002");
        petition.ReportDone(At(60), "信访办");
        petition.VerifyOk(At(70), "核查");
        var city = OrderIn(WorkOrderState.InProgress, "C1");
        city.ReportDone(At(60), "城管");
        city.VerifyOk(At(70), "核查");

        var kpis = WorkOrderKpis.Compute([visitInTime, alarmLate, petition, city], At(400));

        Assert.Equal(new Ratio(1, 2), kpis.SpecialGroupHandling);
        Assert.Equal(new Ratio(1, 1), kpis.PetitionOnTime);
        Assert.Equal(["mediation-success", "hazard-rectification", "special-group-handling", "petition-on-time"],
            KpiRates.Of(kpis).Skip(8).Select(r => r.Key));
    }

    private static void LimitIs(string code, TimeSpan limit) =>
        Assert.Equal(limit, Policy.LimitFor(SlaStage.Handling, CategoryCode.From(code), WorkOrderKind.Report, Urgency.Normal));

    private static WorkOrder Reported(string id, MediationOutcome outcome)
    {
        var order = OrderIn(WorkOrderState.InProgress, id, category: "21001");
        order.ReportDone(At(30), "司法所", null, mediation: outcome);
        return order;
    }

    private static WorkOrder Hazard(string id, DateOnly rectifyBy)
    {
        var report = Report(id, category: "22004") with { Matter = new MatterDetails(rectifyBy, Placard.Street) };
        var order = WorkOrder.Reported(report, Policy, MondayNine, "网格员");
        order.Accept(At(1), "受理员");
        order.Dispatch(At(2), "受理员", "U-001-safety");
        order.SignOff(At(3), "安监");
        return order;
    }
}
