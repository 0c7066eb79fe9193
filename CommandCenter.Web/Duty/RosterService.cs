using System.Security.Claims;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Duty;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Duty;

/// <summary>
/// The duty roster (排班): shifts posted by admins within their jurisdiction, one at a time or from a CSV file. A
/// shift is posted as an event (outbox and audit row together), so every node's duty widget shows it; posting a shift
/// with the same jurisdiction and start again replaces it. Who is on duty is worked out from the clock.
/// </summary>
public sealed class RosterService(LiveSituation live, IDispatchStore store, ScopeGuard guard, OutboxPublisher outbox, TimeProvider time)
{
    public const string Source = "roster";

    /// <summary>Shifts of the user's jurisdiction that have not ended, by start.</summary>
    public IReadOnlyList<DutyShift> Upcoming(ClaimsPrincipal user) =>
        user.Jurisdiction() is { } own ? live.Shifts(own) : [];

    /// <summary>Posts shifts; returns null when done, else what is wrong (nothing is posted then).</summary>
    public async Task<string?> PostAsync(ClaimsPrincipal user, IReadOnlyList<DutyShift> shifts, string via, CancellationToken cancellationToken)
    {
        if (!user.Can(Permission.Administer))
        {
            await guard.DeniedAsync(user, $"{via}: roster", $"role {user.Role()} may not edit the roster", cancellationToken).ConfigureAwait(false);
            return "this account may not edit the roster";
        }

        if (shifts.FirstOrDefault(s => !ScopeGuard.Allows(user, s.Scope)) is { } outside)
        {
            await guard.DeniedAsync(user, $"{via}: roster {outside.Scope}", $"{outside.Scope} is outside {user.Jurisdiction()}", cancellationToken).ConfigureAwait(false);
            return $"jurisdiction: {outside.Scope} is outside your jurisdiction";
        }

        var now = time.GetUtcNow();
        foreach (var shift in shifts)
        {
            var feedEvent = new FeedEvent($"{shift.Id}-{now.ToUnixTimeMilliseconds()}", Source, now, shift.Scope, new DutyShiftPosted(shift));
            var audit = new AuditRecord(user.Id(), "roster.shift-posted", shift.Id,
                $"{shift.Scope}, {shift.Start:yyyy-MM-dd HH:mm}–{shift.End:yyyy-MM-dd HH:mm}, {shift.Leader.Name} {shift.Leader.Phone}, {shift.Members.Count} members, via {via}");
            if (await store.RecordActionAsync(feedEvent, audit, cancellationToken).ConfigureAwait(false))
            {
                await outbox.PublishAsync([feedEvent], cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }
}
