using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// Server-side sessions. Every sign-in starts a record and the cookie carries its id; every request, hub connection and
/// Blazor circuit is honoured only while the record is live. A live verdict is cached for a few seconds; an end is
/// known at once on the node that ended it and, through <see cref="SessionWatch"/>, within a second or two on every
/// other node, which then closes that session's hub connections and circuits.
/// </summary>
public sealed partial class ServerSessions(ISessionStore store, TimeProvider time, IOptions<SecurityOptions> options, ILogger<ServerSessions> logger)
{
    public const string Claim = "cc:session";

    /// <summary>How long a "live" answer from the store is trusted before asking again.</summary>
    public static readonly TimeSpan LiveFor = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, Verdict> _verdicts = new(StringComparer.Ordinal);

    /// <summary>Raised once per node when a session is known to have ended (the id).</summary>
    public event Action<string>? Ended;

    /// <summary>Starts a session for a user being signed in; returns its id, for the cookie.</summary>
    public async Task<string> StartAsync(ClaimsPrincipal user, string client, string agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = Now;
        await store.StartAsync(new StoredSession
        {
            Id = id, Account = user.Id(), Role = user.Role()?.ToString() ?? "", Jurisdiction = user.Jurisdiction()?.Value ?? "",
            Client = Cut(client, 64), Agent = Cut(agent, 200), StartedAtMs = now, SeenAtMs = now,
        }, cancellationToken).ConfigureAwait(false);
        _verdicts[id] = new Verdict(true, now, now);
        return id;
    }

    /// <summary>
    /// Whether the session is live. A session the store cannot be asked about keeps the last answer this node had
    /// (a store outage must not blank every wall); one never seen here is refused.
    /// </summary>
    public async ValueTask<bool> IsLiveAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        var now = Now;
        _verdicts.TryGetValue(id, out var known);
        if (known is { Live: false })
        {
            return false;
        }

        if (known is not null && now - known.CheckedAtMs < (long)LiveFor.TotalMilliseconds)
        {
            return true;
        }

        bool live;
        var touched = known?.TouchedAtMs ?? 0;
        try
        {
            var stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            live = stored is { EndedAtMs: null };
            touched = Math.Max(touched, stored?.SeenAtMs ?? 0);
            if (live && now - touched >= (long)TouchEvery.TotalMilliseconds)
            {
                touched = now;
                await store.TouchAsync(id, now, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotChecked(ex);
            return known?.Live == true;
        }

        if (!live && known is not null)
        {
            MarkEnded(id);
            return false;
        }

        _verdicts[id] = new Verdict(live, now, touched);
        return live;
    }

    /// <summary>Ends one session; returns whether it was live.</summary>
    public async Task<bool> EndAsync(string id, string why, CancellationToken cancellationToken)
    {
        var ended = await store.EndAsync(id, why, Now, cancellationToken).ConfigureAwait(false);
        MarkEnded(id);
        return ended;
    }

    /// <summary>Ends every session of an account; returns how many were live.</summary>
    public async Task<int> EndAllOfAsync(string account, string why, CancellationToken cancellationToken)
    {
        var ended = await store.EndAllOfAsync(account, why, Now, cancellationToken).ConfigureAwait(false);
        foreach (var id in ended)
        {
            MarkEnded(id);
        }

        return ended.Count;
    }

    /// <summary>Live sessions an admin may see (within <paramref name="scope"/>), most recently seen first.</summary>
    public async Task<IReadOnlyList<StoredSession>> LiveWithinAsync(Domain.Jurisdictions.JurisdictionCode scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var longest = TimeSpan.FromDays(options.Value.WallDisplaySessionDays);
        // The subtree in the query, so a street's admin is not shown the district's newest 1,000 and finds none of its own.
        var sessions = await store.LiveAsync((now - longest).ToUnixTimeMilliseconds(), 1000, cancellationToken, scope.Value).ConfigureAwait(false);
        return [.. sessions.Where(s =>
            Domain.Jurisdictions.JurisdictionCode.TryFrom(s.Jurisdiction, out var code, out _) && scope.Contains(code) &&
            Enum.TryParse<Role>(s.Role, out var role) &&
            now.ToUnixTimeMilliseconds() - s.SeenAtMs <= (long)options.Value.IdleTimeout(role).TotalMilliseconds)];
    }

    /// <summary>Records that a session has ended (here or on another node) and tells those holding its connections.</summary>
    internal void MarkEnded(string id)
    {
        var now = Now;
        var wasEnded = false;
        _verdicts.AddOrUpdate(id, _ => new Verdict(false, now, 0), (_, old) =>
        {
            wasEnded = !old.Live;
            return old.Live ? new Verdict(false, now, 0) : old;
        });
        if (!wasEnded)
        {
            Ended?.Invoke(id);
        }
    }

    /// <summary>Forgets verdicts not asked about for a while, so the cache holds only sessions in use.</summary>
    internal void Forget()
    {
        var before = Now - (long)ForgetAfter.TotalMilliseconds;
        foreach (var (id, verdict) in _verdicts)
        {
            if (verdict.CheckedAtMs < before)
            {
                _verdicts.TryRemove(new KeyValuePair<string, Verdict>(id, verdict));
            }
        }
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Cut(string text, int max) => string.IsNullOrEmpty(text) ? "" : text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session could not be checked against the store; keeping this node's last answer")]
    private partial void LogNotChecked(Exception exception);

    private sealed record Verdict(bool Live, long CheckedAtMs, long TouchedAtMs);
}

public static class SessionClaims
{
    /// <summary>The server-side session the cookie names, if any.</summary>
    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(ServerSessions.Claim);
}
