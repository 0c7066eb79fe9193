using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Feeds.Ingest;

/// <summary>Settings under <c>Ingest:AlarmRules</c>: which alarm kinds open a work order by themselves.</summary>
public sealed class AlarmRuleOptions
{
    /// <summary>Alarm kinds that open an urgent work order when raised (default: smoke and the elderly one-key alarm).</summary>
    public AlarmKind[] OpenWorkOrderFor { get; set; } = [AlarmKind.Smoke, AlarmKind.ElderlyOneKey];
}

/// <summary>
/// Turns a raised alarm of a configured kind into an urgent work order (source IoT). At most one order per device,
/// kind and day: a device that keeps alarming adds to its alarm's count, not to the order list.
/// </summary>
public sealed class AlarmRules(Microsoft.Extensions.Options.IOptionsMonitor<IngestOptions> options)
{
    /// <summary>The category an alarm's order is filed under.</summary>
    public static CategoryCode CategoryOf(AlarmKind kind) => CategoryCode.From(kind switch
    {
        AlarmKind.Smoke or AlarmKind.HydrantPressure => "01013",
        AlarmKind.ElevatorEBike => "01076",
        AlarmKind.ManholeCover => "01001",
        AlarmKind.GarbageRoom => "06042",
        AlarmKind.GeomagneticParking => "09009",
        _ => "01066",
    });

    /// <summary>The kind a standard CAP alert's event (or else one of its categories) maps to, if any (<see cref="IngestOptions.CapEvents"/>).</summary>
    public AlarmKind? CapKind(string capEvent, IReadOnlyList<string> categories)
    {
        var map = options.CurrentValue.CapEvents;
        if (capEvent.Length > 0)
        {
            if (map.TryGetValue(capEvent, out var exact))
            {
                return exact;
            }

            foreach (var (key, kind) in map.OrderByDescending(m => m.Key.Length))
            {
                if (capEvent.Contains(key, StringComparison.OrdinalIgnoreCase))
                {
                    return kind;
                }
            }
        }

        return categories.Select(c => map.TryGetValue(c, out var k) ? k : (AlarmKind?)null).FirstOrDefault(k => k is not null);
    }

    /// <summary>
    /// Manhole covers by what runs beneath them (井盖 by 权属), each its own GB/T 47678.5 category: 供水, 污水, 雨水, 电力,
    /// 通信, 燃气, 热力.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, CategoryCode> ManholeKinds = new Dictionary<string, CategoryCode>(StringComparer.Ordinal)
    {
        ["water"] = CategoryCode.From("01001"), ["sewage"] = CategoryCode.From("01002"), ["rain"] = CategoryCode.From("01003"),
        ["power"] = CategoryCode.From("01004"), ["telecom"] = CategoryCode.From("01005"), ["gas"] = CategoryCode.From("01006"),
        ["heat"] = CategoryCode.From("01007"),
    };

    public bool OpensOrder(AlarmKind kind) => options.CurrentValue.AlarmRules.OpenWorkOrderFor.Contains(kind);

    /// <summary>
    /// The id of the order a device's alarm of a kind opens on a (China) day. The device id is the source-scoped one
    /// (<c>{source}.{device}</c>), so the order is the source's too: <c>{source}.IOT-{device}-{kind}-{day}</c>.
    /// </summary>
    public static WorkOrderId OrderIdFor(string deviceId, AlarmKind kind, DateTimeOffset at)
    {
        var dot = deviceId.IndexOf('.', StringComparison.Ordinal);
        var (source, own) = dot > 0 ? (deviceId[..dot], deviceId[(dot + 1)..]) : ("", deviceId);
        static string Plain(string text, int max) => new([.. text.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(max)]);
        var day = $"IOT-{Plain(own, 64)}-{kind}-{at.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}";
        return WorkOrderId.From(source.Length > 0 ? SourceScope.Of(Plain(source, SourceScope.MaxSourceLength), day) : day);
    }

    /// <summary>The work order a raised alarm opens: urgent, source IoT, filed under its kind's category.</summary>
    public static FeedEvent ReportFor(AlarmRaised raised, Domain.Jurisdictions.JurisdictionCode scope, DateTimeOffset at, string source)
    {
        var id = OrderIdFor(raised.DeviceId, raised.AlarmKind, at);
        var title = string.IsNullOrWhiteSpace(raised.Description) ? raised.AlarmKind.Label() : $"{raised.AlarmKind.Label()}:{raised.Description}";
        var report = new WorkOrderReport(id, WorkOrderKind.Report, WorkOrderSource.IotAlarm, raised.Category ?? CategoryOf(raised.AlarmKind), Urgency.Urgent,
            title.Length <= 60 ? title : title[..59] + "…", scope, raised.Location,
            Description: $"设备 {raised.DeviceId} {raised.AlarmKind.Label()}({raised.Severity}):{raised.Description}");
        return new FeedEvent($"{id.Value}-report", source, at, scope, new WorkOrderReported(report));
    }

    /// <summary>The events for a raised alarm: the alarm, and its work order when its kind opens one.</summary>
    public FeedEvent[] Apply(FeedEvent alarm)
    {
        if (alarm.Payload is not AlarmRaised raised || !options.CurrentValue.AlarmRules.OpenWorkOrderFor.Contains(raised.AlarmKind))
        {
            return [alarm];
        }

        return [alarm, ReportFor(raised, alarm.Scope, alarm.OccurredAt, alarm.Source)];
    }
}
