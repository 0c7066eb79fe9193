using System.Security.Claims;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;

namespace CommandCenter.Web.Security;

/// <summary>The claims a signed-in user carries, and how to read them.</summary>
public static class CenterUser
{
    public const string JurisdictionClaim = "cc:jurisdiction";
    public const string DisplayNameClaim = "cc:display-name";
    public const string MustChangePasswordClaim = "cc:must-change-password";

    /// <summary>A short fingerprint of the password hash a session was signed in with: it changes when the password does.</summary>
    public const string PasswordStampClaim = "cc:password-stamp";

    public static ClaimsPrincipal Create(string id, string displayName, Role role, JurisdictionCode jurisdiction, bool mustChangePassword,
        string scheme, string? passwordStamp = null) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id),
            new Claim(ClaimTypes.Name, id),
            new Claim(DisplayNameClaim, displayName),
            new Claim(ClaimTypes.Role, role.ToString()),
            new Claim(JurisdictionClaim, jurisdiction.Value),
            new Claim(MustChangePasswordClaim, mustChangePassword ? "1" : "0"),
            .. passwordStamp is null ? Array.Empty<Claim>() : [new Claim(PasswordStampClaim, passwordStamp)],
        ], scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The stamp of a stored password hash (16 hex digits of its SHA-256; never the hash itself).</summary>
    public static string StampOf(string? passwordHash) => passwordHash is null ? "none"
        : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(passwordHash)))[..16];

    public static string? PasswordStamp(this ClaimsPrincipal user) => user.FindFirstValue(PasswordStampClaim);

    public static string Id(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(DisplayNameClaim) ?? user.Id();

    public static Role? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static JurisdictionCode? Jurisdiction(this ClaimsPrincipal user) =>
        JurisdictionCode.TryFrom(user.FindFirstValue(JurisdictionClaim), out var code, out _) ? code : null;

    public static bool Can(this ClaimsPrincipal user, Permission permission) =>
        user.Identity?.IsAuthenticated == true && user.Role() is { } role && role.Can(permission);

    public static bool MustChangePassword(this ClaimsPrincipal user) => user.FindFirstValue(MustChangePasswordClaim) == "1";
}
