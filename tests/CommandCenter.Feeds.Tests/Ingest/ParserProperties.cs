using System.Text;
using System.Text.Json;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Ingest;
using CommandCenter.Feeds.Simulator;
using FsCheck;
using FsCheck.Xunit;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Feeds.Tests.Ingest;

/// <summary>Properties of the feed parsers, checked on generated inputs (FsCheck).</summary>
public sealed class ParserProperties
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly IReadOnlyList<IIngestParser> Parsers = Build();

    private static IReadOnlyList<IIngestParser> Build()
    {
        var time = new FakeTimeProvider(Now);
        var tickets = new TicketParser(TestReference.Book(), time);
        var options = new FixedIngestOptions(new IngestOptions());
        var rules = new AlarmRules(options);
        return [tickets, new AlarmParser(tickets, rules, time), new DroneParser(tickets, time), new CrowdParser(tickets, rules, options, time), new VideoParser(tickets, rules, time)];
    }

    [Property(MaxTest = 300)]
    public bool Any_bytes_get_an_answer_and_never_an_exception(byte[] body) =>
        Parsers.All(p => p.Parse(new IngestInput(body, "application/json", "prop")) is { } o && (o.Events.Count > 0) != (o.Rejection is not null));

    [Property(MaxTest = 300)]
    public bool Any_object_of_strings_is_accepted_or_refused_naming_a_field(string[] keys, string[] values)
    {
        var pairs = (keys ?? []).Zip(values ?? []).Where(p => p.First is not null).GroupBy(p => p.First).ToDictionary(g => g.Key, g => g.First().Second);
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(pairs));
        return Parsers.All(p => p.Parse(new IngestInput(body, "application/json", "prop")) is { } o &&
            (o.Rejection is null || o.Rejection.Violations.Count > 0 && o.Rejection.Violations.All(v => v.Field.Length > 0 && v.Rule.Length > 0)));
    }

    [Property(MaxTest = 300)]
    public bool A_valid_ticket_keeps_what_it_said(byte source, byte kind, bool urgent, NonEmptyString text, byte latStep, byte lonStep)
    {
        var description = new string([.. text.Get.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(200)]).Trim();
        if (description.Length == 0)
        {
            return true;
        }

        var sources = Enum.GetValues<WorkOrderSource>();
        var kinds = Enum.GetValues<WorkOrderKind>();
        var (lat, lon) = (31.0 + latStep / 255.0, 120.0 + lonStep / 255.0);
        var ticket = new
        {
            source = JsonNamingPolicy.CamelCase.ConvertName(sources[source % sources.Length].ToString()),
            kind = kinds[kind % kinds.Length].ToString().ToLowerInvariant(),
            category = "06028", urgency = urgent ? "urgent" : "normal", description, jurisdiction = "320505001001001",
            location = new { lat, lon },
        };
        var outcome = Parsers[0].Parse(new IngestInput(JsonSerializer.SerializeToUtf8Bytes(ticket), "application/json", "prop"));
        var report = ((WorkOrderReported)outcome.Event!.Payload).Report;
        return report.Source == sources[source % sources.Length] && report.Kind == kinds[kind % kinds.Length] && report.Description == description
            && report.Urgency == (urgent ? Urgency.Urgent : Urgency.Normal) && report.Location!.Value.Latitude == lat && report.Location.Value.Longitude == lon
            && report.Title == TicketParser.TitleOf(description);
    }

    [Property(MaxTest = 200)]
    public bool A_signature_matches_its_message_and_no_other(byte[] body, NonEmptyString id, int flip)
    {
        body ??= [];
        var key = Encoding.UTF8.GetBytes("the source's secret key, 32 byte");
        var signature = WebhookSignature.Sign(key, id.Get, 1_790_000_000, body);
        if (!WebhookSignature.Matches(key, id.Get, 1_790_000_000, body, signature))
        {
            return false;
        }

        if (body.Length == 0)
        {
            return !WebhookSignature.Matches(key, id.Get, 1_790_000_001, body, signature);
        }

        var tampered = (byte[])body.Clone();
        tampered[Math.Abs(flip % tampered.Length)] ^= 0x01;
        return !WebhookSignature.Matches(key, id.Get, 1_790_000_000, tampered, signature);
    }
}
