using System.Collections.Concurrent;
using System.Globalization;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.GridMembers;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// <c>POST /api/ingest/patrols</c>: grid members' patrol apps report where they are (网格员巡查定位),
/// <c>{"memberId", "lat", "lon", "at", "onDuty"?}</c>. The member must be in the reference data's registry; the position is
/// filed under the member's grid. Telemetry: the latest position per member wins (an older one is acknowledged and
/// dropped), and the store keeps a thinned history.
/// </summary>
public sealed class PatrolParser(Reference.ReferenceBook reference, TimeProvider time) : JsonIngestParser
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _latest = new(StringComparer.Ordinal);

    public override string Feed => "patrols";

    protected override IngestOutcome Read(FieldReader fields, IngestInput input)
    {
        var now = input.AsOf ?? time.GetUtcNow();
        var memberId = fields.Text("memberId", required: true, 40);
        var member = memberId is null ? null : reference.Current.Data.FindMember(memberId);
        if (memberId is not null && member is null)
        {
            fields.Fail("memberId", $"'{memberId}' is not in the grid-member registry (grid-members.csv of the reference data)");
        }

        var lat = fields.Number("lat", required: true, -90, 90);
        var lon = fields.Number("lon", required: true, -180, 180);
        var at = fields.Timestamp("at", required: true, now, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        var onDuty = fields.Bool("onDuty", required: false) ?? true;
        if (fields.Violations.Count > 0)
        {
            return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
        }

        var patrol = new PatrolPosition(member!.Id, new GeoPoint(lat!.Value, lon!.Value), onDuty, at!.Value);
        var newest = _latest.AddOrUpdate(member.Id, at.Value, (_, seen) => seen >= at.Value ? seen : at.Value);
        var feedEvent = new FeedEvent($"patrol-{member.Id}-{at.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}", input.Source,
            at.Value, member.Grid, new GridMemberPatrolled(patrol));
        return newest > at.Value ? new IngestOutcome([], null) { Coalesced = feedEvent.Id } : IngestOutcome.Accepted(feedEvent);
    }
}
