using System.Text.Json;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Ingest;
using CommandCenter.Feeds.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Feeds.Tests.Ingest;

public sealed class TicketParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly TicketParser _parser = new(TestReference.Book(), new FakeTimeProvider(Now));

    private const string Valid = """
        {"id": "12345-20261123-0001", "source": "hotline12345", "kind": "complaint", "category": "06028", "urgency": "urgent",
         "description": "幸福小区3号楼夜间施工噪声扰民\n已持续一周", "jurisdiction": "320505001001001",
         "location": {"lat": 31.30, "lon": 120.55}, "address": "幸福路3号", "reporter": {"name": "张先生", "phone": "138 0000 0000"},
         "media": ["https://media.example/1.jpg"], "reportedAt": "2026-11-23T08:55:00+08:00"}
        """;

    [Fact]
    public void A_hotline_ticket_becomes_a_reported_work_order_keyed_by_the_source_id()
    {
        var outcome = Parse(Valid);

        Assert.Null(outcome.Rejection);
        var feedEvent = outcome.Event!;
        Assert.Equal("hotline.12345-20261123-0001-report", feedEvent.Id);
        Assert.Equal("hotline", feedEvent.Source);
        Assert.Equal(Now.AddMinutes(-5), feedEvent.OccurredAt);
        var report = Assert.IsType<WorkOrderReported>(feedEvent.Payload).Report;
        Assert.Equal(("hotline.12345-20261123-0001", WorkOrderSource.Hotline12345, WorkOrderKind.Complaint, Urgency.Urgent),
            (report.Id.Value, report.Source, report.Kind, report.Urgency));
        Assert.Equal("幸福小区3号楼夜间施工噪声扰民", report.Title);
        Assert.Equal("幸福小区3号楼夜间施工噪声扰民\n已持续一周", report.Description);
        Assert.Equal("张先生 138 0000 0000", report.ReporterContact);
        Assert.Equal(["https://media.example/1.jpg"], report.Media!);
        Assert.Equal(31.30, report.Location!.Value.Latitude);
    }

    [Fact]
    public void A_ticket_without_an_id_gets_one_and_the_time_of_arrival()
    {
        var outcome = Parse("""{"source": "gridPatrol", "kind": "report", "category": "06001", "description": "违章搭建", "jurisdiction": "320505002"}""");

        var report = Assert.IsType<WorkOrderReported>(outcome.Event!.Payload).Report;
        Assert.StartsWith("hotline.T20261123", report.Id.Value, StringComparison.Ordinal);
        Assert.Equal(Now, outcome.Event.OccurredAt);
        Assert.Equal(Urgency.Normal, report.Urgency);
    }

    [Theory]
    [InlineData("""{"source": "fax"}""", "source", "must be one of")]
    [InlineData("""{"source": 3}""", "source", "must be a string, not a number")]
    [InlineData("""{"source": "1"}""", "source", "must be one of")]
    [InlineData("""{"kind": "Complaint", "category": "99999"}""", "category", "class must be 01–10")]
    [InlineData("""{"category": "06999"}""", "category", "not in the category catalogue")]
    [InlineData("""{"jurisdiction": "110101"}""", "jurisdiction", "not a jurisdiction of this center")]
    [InlineData("""{"location": {"lat": 120.55, "lon": 31.3}}""", "location.lat", "between -90 and 90")]
    [InlineData("""{"location": {"lat": "31", "lon": 120}}""", "location.lat", "finite number")]
    [InlineData("""{"reportedAt": "2027-01-01T00:00:00+08:00"}""", "reportedAt", "in the future")]
    [InlineData("""{"reportedAt": "2020-01-01T00:00:00Z"}""", "reportedAt", "in the past")]
    [InlineData("""{"reportedAt": "2026-11-23T08:00:00"}""", "reportedAt", "with an offset")]
    [InlineData("""{"description": "a\u0000b"}""", "description", "control characters")]
    [InlineData("""{"description": "   "}""", "description", "must not be empty")]
    [InlineData("""{"id": "../etc/passwd"}""", "id", "letters, digits")]
    [InlineData("""{"media": ["javascript:alert(1)"]}""", "media[0]", "http or https")]
    [InlineData("""{"reporter": {"phone": "<script>"}}""", "reporter.phone", "only digits")]
    [InlineData("""{"rectifyBy": "2026-11-30"}""", "rectifyBy", "belongs to safety hazards (class 22), not to category 06028")]
    [InlineData("""{"category": "22001", "rectifyBy": "30/11/2026"}""", "rectifyBy", "must be a date as yyyy-MM-dd")]
    [InlineData("""{"category": "22001", "rectifyBy": "2030-01-01"}""", "rectifyBy", "from today to two years ahead")]
    [InlineData("""{"category": "22001", "placard": "city"}""", "placard", "must be one of none, street, district")]
    [InlineData("""{"category": "21001", "group": "独居老人"}""", "group", "belongs to special groups (class 23)")]
    [InlineData("""{"memberId": "GM-999999999"}""", "memberId", "'GM-999999999' is not in the grid-member registry")]
    public void A_bad_field_is_refused_naming_the_field_and_the_rule(string overrides, string field, string rule)
    {
        var outcome = Parse(Merge(Valid, overrides));

        Assert.Null(outcome.Event);
        Assert.Equal(422, outcome.Rejection!.Status);
        var violation = Assert.Single(outcome.Rejection.Violations);
        Assert.Equal(field, violation.Field);
        Assert.Contains(rule, violation.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_safety_hazard_carries_its_rectification_deadline_and_placard_and_a_special_group_matter_its_group()
    {
        var hazard = Parse(Merge(Valid, """{"category": "22004", "kind": "report", "rectifyBy": "2026-11-30", "placard": "district"}"""));
        var visit = Parse(Merge(Valid, """{"id": "visit-1", "category": "23001", "kind": "help", "group": "独居老人"}"""));

        Assert.Equal(new MatterDetails(new DateOnly(2026, 11, 30), Placard.District),
            Assert.IsType<WorkOrderReported>(hazard.Event!.Payload).Report.Matter);
        Assert.Equal(new MatterDetails(Group: "独居老人"), Assert.IsType<WorkOrderReported>(visit.Event!.Payload).Report.Matter);
    }

    [Fact]
    public void A_grid_members_patrol_report_without_a_place_is_an_order_in_the_members_grid()
    {
        var outcome = Parse("""{"source": "gridPatrol", "kind": "report", "category": "06010", "description": "小区东门垃圾堆积", "memberId": "GM-002003001"}""");

        var report = Assert.IsType<WorkOrderReported>(outcome.Event!.Payload).Report;
        var member = TestReference.Data.GridMembers.Single(m => m.Id == "GM-002003001");
        Assert.Equal(member.Grid, report.Scope);
        Assert.Equal(member.Grid, outcome.Event.Scope);
        Assert.Equal($"网格员 {member.Name} {member.Phone}", report.ReporterContact);
    }

    [Fact]
    public void Every_missing_required_field_is_named_in_one_answer()
    {
        var outcome = Parse("{}");

        Assert.Equal(["source", "kind", "category", "description", "jurisdiction"], outcome.Rejection!.Violations.Select(v => v.Field));
        Assert.All(outcome.Rejection.Violations, v => Assert.StartsWith("is required", v.Rule, StringComparison.Ordinal));
        Assert.Equal("is required, or a location inside one of the center's grids", outcome.Rejection.Violations[^1].Rule);
    }

    [Fact]
    public void A_body_that_is_not_an_object_is_refused()
    {
        Assert.Equal("$", Assert.Single(Parse("[1,2]").Rejection!.Violations).Field);
    }

    private IngestOutcome Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return _parser.Parse(document.RootElement, "hotline");
    }

    private static string Merge(string baseJson, string overrides)
    {
        var merged = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(baseJson)!;
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(overrides)!)
        {
            merged[key] = value;
        }

        return JsonSerializer.Serialize(merged);
    }
}
