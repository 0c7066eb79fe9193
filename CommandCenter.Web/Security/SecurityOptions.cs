using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Web.Security;

/// <summary>Settings under <c>Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Create the demo accounts (README) when the store has no users. Off unless configured; the Development settings
    /// (what <c>dotnet run</c> uses) turn it on, and outside Development the app refuses to start with it on.
    /// </summary>
    public bool DemoAccounts { get; set; }

    /// <summary>Idle time after which a desk, briefing or admin session ends.</summary>
    [Range(1, 24 * 60)]
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>Idle time after which a commander's session ends (commanders watch walls for a whole shift).</summary>
    [Range(1, 72)]
    public int CommanderIdleTimeoutHours { get; set; } = 12;

    /// <summary>How long a wall display's device sign-in lasts.</summary>
    [Range(1, 3650)]
    public int WallDisplaySessionDays { get; set; } = 365;

    /// <summary>Sign-in attempts per client address per minute before 429.</summary>
    [Range(1, 10_000)]
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>Origins besides the site's own that may open the live connection (e.g. a proxy's public name).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// The TLS-terminating proxies in front of the app (addresses or CIDR networks, e.g. <c>10.0.0.5</c>, <c>10.1.0.0/16</c>):
    /// from them, and only them, X-Forwarded-For and X-Forwarded-Proto are believed, so audit entries and limits see the
    /// client's address and cookies are marked Secure. None by default.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Days browsers must keep to HTTPS once they reached the site over it (Strict-Transport-Security); 0 sends none.</summary>
    [Range(0, 3650)]
    public int HstsDays { get; set; } = 365;

    /// <summary>Largest request body accepted, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The certificate the sign-in keys are encrypted with in the store; required outside Development.</summary>
    public KeyEncryptionOptions KeyEncryption { get; set; } = new();

    /// <summary>Optional government single sign-on (OpenID Connect); off when Authority is empty.</summary>
    public OidcOptions Oidc { get; set; } = new();
}

public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim that carries the user's jurisdiction code.</summary>
    public string JurisdictionClaim { get; set; } = "jurisdiction";

    /// <summary>The claim that carries the user's role (Commander, Analyst, Operator, Admin).</summary>
    public string RoleClaim { get; set; } = "role";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
