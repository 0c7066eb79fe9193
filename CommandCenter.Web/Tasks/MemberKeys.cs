using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Tasks;

/// <summary><c>Tasks</c> settings: the secret each grid member's app key is derived from.</summary>
public sealed class TaskOptions
{
    public const string Section = "Tasks";

    /// <summary>
    /// At least 32 characters. Each member's key is derived from it and the member id (HMAC-SHA256), so no key is stored;
    /// changing it replaces every member's key. Without it, members' apps cannot read or complete tasks.
    /// </summary>
    public string? KeySecret { get; set; }
}

/// <summary>
/// The per-member keys of grid members' apps (<c>X-Member-Key</c>): a key opens its own member's tasks and no one else's.
/// </summary>
public sealed class MemberKeys(IOptions<TaskOptions> options)
{
    public const string Header = "X-Member-Key";

    public bool Configured => options.Value.KeySecret is { Length: >= 32 };

    /// <summary>The member's key (43 URL-safe characters); null when no secret is configured.</summary>
    public string? KeyOf(string memberId) => Configured
        ? Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.KeySecret!), Encoding.UTF8.GetBytes(memberId)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_')
        : null;

    /// <summary>Whether <paramref name="key"/> is the member's, compared in constant time.</summary>
    public bool Opens(string memberId, string? key) => KeyOf(memberId) is { } expected && key is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(key));
}
