using System.Threading.RateLimiting;
using CommandCenter.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

public static class SecuritySetup
{
    /// <summary>Cookie sign-in, role and jurisdiction policies, audit, rate limits, size limits, shared keys.</summary>
    public static IHostApplicationBuilder AddCommandCenterSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations()
            .Validate<IHostEnvironment>((o, environment) => !o.DemoAccounts || environment.IsDevelopment(),
                $"{SecurityOptions.Section}:DemoAccounts is on outside Development: the demo accounts' passwords are public (README). " +
                "Set it to false and create real accounts (the first admin with --create-admin).")
            .Validate<IHostEnvironment>((o, environment) => KeyEncryption.Problem(o.KeyEncryption, environment.IsDevelopment()) is null,
                $"{KeyEncryption.Section}: must name a usable certificate with its private key outside Development (see the log or README)")
            .Validate(o => o.TrustedProxies.All(p => System.Net.IPNetwork.TryParse(p, out _) || System.Net.IPAddress.TryParse(p, out _)),
                $"{SecurityOptions.Section}:TrustedProxies: each entry must be an address (10.0.0.5) or a network (10.1.0.0/16)")
            .ValidateOnStart();
        services.AddOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((forwarded, security) =>
        {
            forwarded.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in security.Value.TrustedProxies)
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
                else if (System.Net.IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
        });
        services.AddHsts(_ => { });
        services.AddOptions<Microsoft.AspNetCore.HttpsPolicy.HstsOptions>().Configure<IOptions<SecurityOptions>>((hsts, security) =>
            hsts.MaxAge = TimeSpan.FromDays(Math.Max(security.Value.HstsDays, 1)));
        services.AddSingleton<AccountService>();
        services.AddSingleton<ScopeGuard>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<DemoAccounts>();
        services.AddSingleton<ServerSessions>();
        services.AddSingleton<SessionWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionWatch>());
        services.AddHostedService(sp => sp.GetRequiredService<DemoAccounts>());

        // The key ring lives in the store (every node reads the same keys) and, with Security:KeyEncryption, is encrypted
        // there with the certificate, so reading the database is not enough to forge a session.
        var dataProtection = services.AddDataProtection().SetApplicationName("CommandCenter");
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null;
        if (builder.Configuration.GetSection(KeyEncryption.Section).Get<KeyEncryptionOptions>() is { CertificatePath.Length: > 0 } encryption)
        {
            certificate = KeyEncryption.Load(encryption);
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        // The same certificate signs the audit chain's checkpoints.
        services.AddSingleton(new AuditSigner(certificate));
        services.AddSingleton<AuditCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditCheckpointer>());

        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new StoreXmlRepository(sp.GetRequiredService<Storage.IAccountStore>(), sp.GetRequiredService<Storage.StoreGate>())));

        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme);
        var sso = builder.Configuration.GetSection($"{SecurityOptions.Section}:Oidc").Get<OidcOptions>() ?? new OidcOptions();
        if (sso.Enabled)
        {
            authentication.AddSingleSignOn(sso);
        }

        authentication.AddCookie(o =>
        {
            o.Cookie.Name = "cc.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/not-found";
            o.SlidingExpiration = true;
            // The API and the hub answer 401/403; only pages send people to the sign-in page.
            o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
            // Every cookie names a server-side session: started at sign-in, checked on every request.
            o.Events.OnSigningIn = StartSessionAsync;
            o.Events.OnValidatePrincipal = CheckSessionAsync;
        });
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, CookieTimeouts>();
        services.AddAuthorization(o =>
        {
            foreach (var permission in Enum.GetValues<Permission>())
            {
                o.AddPolicy(permission.ToString(), p => p.RequireAuthenticatedUser()
                    .RequireRole(Roles.WithPermission(permission).Select(r => r.ToString())));
            }
        });
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInPermitsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<SecurityOptions>>((kestrel, security) =>
            kestrel.Limits.MaxRequestBodySize = security.Value.MaxRequestBodyBytes);
        return builder;
    }

    private static async Task StartSessionAsync(CookieSigningInContext context)
    {
        var identity = (System.Security.Claims.ClaimsIdentity)context.Principal!.Identity!;
        foreach (var old in identity.FindAll(ServerSessions.Claim).ToList())
        {
            identity.RemoveClaim(old);
        }

        var http = context.HttpContext;
        var id = await http.RequestServices.GetRequiredService<ServerSessions>().StartAsync(context.Principal, SignInEndpoints.Client(http),
            http.Request.Headers.UserAgent.ToString(), http.RequestAborted).ConfigureAwait(false);
        identity.AddClaim(new System.Security.Claims.Claim(ServerSessions.Claim, id));
    }

    private static async Task CheckSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<ServerSessions>();
        if (context.Principal?.SessionId() is null && await AdoptWallAsync(context, sessions).ConfigureAwait(false))
        {
            return;
        }

        if (!await sessions.IsLiveAsync(context.Principal?.SessionId(), context.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A wall display signed in before sessions were kept on the server carries a cookie naming none. Rather than send every
    /// wall of the city back to its device sign-in on upgrade, such a cookie is given a session if its account is still
    /// that wall with the same token, not disabled, and none of its sessions has ever been ended: from then on it can be
    /// ended like any other, and once one is, no old cookie of that account is taken again. People sign in again.
    /// </summary>
    private static async Task<bool> AdoptWallAsync(CookieValidatePrincipalContext context, ServerSessions sessions)
    {
        var user = context.Principal!;
        if (user.Role() != Role.WallDisplay || user.PasswordStamp() is not { } stamp)
        {
            return false;
        }

        var http = context.HttpContext;
        var stored = await http.RequestServices.GetRequiredService<Storage.IAccountStore>().FindUserAsync(user.Id(), http.RequestAborted).ConfigureAwait(false);
        if (stored is null || stored.DisabledAtMs is not null || stored.Role != nameof(Role.WallDisplay) ||
            stored.Jurisdiction != user.Jurisdiction()?.Value || CenterUser.StampOf(stored.PasswordHash) != stamp ||
            await http.RequestServices.GetRequiredService<Storage.ISessionStore>().AnyEndedAsync(stored.Id, http.RequestAborted).ConfigureAwait(false))
        {
            return false;
        }

        var id = await sessions.StartAsync(user, SignInEndpoints.Client(http), http.Request.Headers.UserAgent.ToString(), http.RequestAborted).ConfigureAwait(false);
        ((System.Security.Claims.ClaimsIdentity)user.Identity!).AddClaim(new System.Security.Claims.Claim(ServerSessions.Claim, id));
        context.ReplacePrincipal(user);
        context.ShouldRenew = true;
        return true;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            // A bare status for machines; the not-found page is for people.
            if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>The default idle timeout and the clock; each sign-in sets its own role's timeout, which sliding renewal keeps.</summary>
    private sealed class CookieTimeouts(IOptions<SecurityOptions> security, TimeProvider time) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            options.ExpireTimeSpan = TimeSpan.FromMinutes(security.Value.IdleTimeoutMinutes);
            options.TimeProvider = time;
        }
    }

    /// <summary>How long a session of <paramref name="role"/> may stay idle.</summary>
    public static TimeSpan IdleTimeout(this SecurityOptions options, Role role) => role switch
    {
        Role.Commander => TimeSpan.FromHours(options.CommanderIdleTimeoutHours),
        Role.WallDisplay => TimeSpan.FromDays(options.WallDisplaySessionDays),
        _ => TimeSpan.FromMinutes(options.IdleTimeoutMinutes),
    };
}
