using System.Security.Claims;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CommandCenter.Web.Security;

/// <summary>
/// Optional government single sign-on (OpenID Connect, authorization code with PKCE). The provider's role and
/// jurisdiction claims become the same claims local accounts carry; a token without a valid pair is refused.
/// Wall displays never sign in this way.
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "sso";

    public static void AddSingleSignOn(this AuthenticationBuilder authentication, OidcOptions sso)
    {
        authentication.AddOpenIdConnect(Scheme, "政务统一身份认证", o =>
        {
            o.Authority = sso.Authority;
            o.ClientId = sso.ClientId;
            o.ClientSecret = sso.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.SaveTokens = false;
            o.RequireHttpsMetadata = sso.Authority!.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.CallbackPath = "/signin-oidc";
            // Walls and desks often run on plain http inside an isolated network: return by a top-level GET (query)
            // so Lax cookies come back, and mark the flow cookies Secure only when the request is.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.MapInboundClaims = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Events.OnTokenValidated = async context =>
            {
                var (user, error) = Map(context.Principal!, sso);
                var store = context.HttpContext.RequestServices.GetRequiredService<IAuditLog>();
                var actor = context.Principal!.FindFirstValue("sub") ?? "(sso)";
                if (user is null)
                {
                    await store.AppendAuditAsync(new AuditRecord(actor, "sign-in.failed", SignInEndpoints.Client(context.HttpContext), $"sso: {error}"), context.HttpContext.RequestAborted);
                    context.Fail(error!);
                    return;
                }

                await store.AppendAuditAsync(new AuditRecord(user.Id(), "sign-in.ok", SignInEndpoints.Client(context.HttpContext), $"sso, {user.Role()}"), context.HttpContext.RequestAborted);
                context.Principal = user;
            };
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect($"/login?error={Uri.EscapeDataString("统一身份认证登录失败:" + context.Failure?.Message)}");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>What every single sign-on account id starts with: no local account id can (they allow no ':').</summary>
    public const string AccountPrefix = "sso:";

    /// <summary>The roles a provider may grant, matched exactly by name (no numbers, no comma lists, no other case).</summary>
    public static readonly IReadOnlyList<string> Roles = [nameof(Role.Commander), nameof(Role.Analyst), nameof(Role.Operator), nameof(Role.Admin)];

    /// <summary>The center's user for a provider's identity, or why there is none.</summary>
    public static (ClaimsPrincipal? User, string? Error) Map(ClaimsPrincipal external, OidcOptions sso)
    {
        ArgumentNullException.ThrowIfNull(external);
        ArgumentNullException.ThrowIfNull(sso);
        // The subject is the provider's stable id for the person (a display name or username can be changed or reused).
        var subject = external.FindFirstValue("sub");
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 128 || subject.Any(char.IsControl))
        {
            return (null, "the token names no user (sub: 1–128 characters)");
        }

        var claimed = external.FindAll(sso.RoleClaim).Select(c => c.Value).ToList();
        if (claimed.Count != 1 || !Roles.Contains(claimed[0], StringComparer.Ordinal))
        {
            return (null, $"claim '{sso.RoleClaim}' must be exactly one of {string.Join(", ", Roles)}");
        }

        var role = Enum.Parse<Role>(claimed[0]);
        var id = AccountPrefix + subject;

        if (!JurisdictionCode.TryFrom(external.FindFirstValue(sso.JurisdictionClaim), out var jurisdiction, out var problem))
        {
            return (null, $"claim '{sso.JurisdictionClaim}': {problem}");
        }

        var name = external.FindFirstValue("name") ?? external.FindFirstValue("preferred_username") ?? subject;
        return (CenterUser.Create(id, name, role, jurisdiction, mustChangePassword: false, CookieAuthenticationDefaults.AuthenticationScheme), null);
    }
}
