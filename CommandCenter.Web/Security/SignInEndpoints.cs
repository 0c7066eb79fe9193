using System.Security.Claims;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>Form posts of the sign-in pages: sign in, device sign-in, sign out, change password.</summary>
public static class SignInEndpoints
{
    public const string RateLimitPolicy = "sign-in";

    public static void MapSignIn(this WebApplication app)
    {
        app.MapPost("/account/sign-in", (HttpContext http, AccountService accounts, IAntiforgery antiforgery, IOptions<SecurityOptions> options, TimeProvider time) =>
            SignInAsync(http, accounts, antiforgery, options.Value, time, device: false)).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery();
        app.MapPost("/account/device-sign-in", (HttpContext http, AccountService accounts, IAntiforgery antiforgery, IOptions<SecurityOptions> options, TimeProvider time) =>
            SignInAsync(http, accounts, antiforgery, options.Value, time, device: true)).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery();
        app.MapGet("/account/sso", (string? returnUrl, IOptions<SecurityOptions> options) => options.Value.Oidc.Enabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = Domain.Security.LocalReturnUrl.Normalize(returnUrl) ?? "/" }, [SingleSignOn.Scheme])
            : Results.NotFound());
        app.MapPost("/account/sign-out", async (HttpContext http, IAntiforgery antiforgery, IAuditLog store, ServerSessions sessions) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            if (http.User.Identity?.IsAuthenticated == true)
            {
                // Signing out ends every session of the account, on every node: a copied cookie, or a console left signed
                // in at the end of a shift, stops working too.
                var ended = await sessions.EndAllOfAsync(http.User.Id(), "signed out", http.RequestAborted);
                await store.AppendAuditAsync(new AuditRecord(http.User.Id(), "sign-out", Client(http), $"{ended} session(s) ended"), http.RequestAborted);
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        }).DisableAntiforgery();
        app.MapPost("/account/change-password", async (HttpContext http, IAntiforgery antiforgery, AccountService accounts, Storage.IAccountStore store) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var error = await accounts.ChangePasswordAsync(http.User.Id(), form["current"].ToString(), form["next"].ToString(), Client(http), http.RequestAborted);
            if (error is not null)
            {
                return Results.Redirect($"/account/password?error={Uri.EscapeDataString(error)}");
            }

            // Changing the password ended every session of the account; sign this one in again (a new session, without
            // the "must change" mark).
            var user = http.User;
            var stored = await store.FindUserAsync(user.Id(), http.RequestAborted);
            var refreshed = CenterUser.Create(user.Id(), user.DisplayName(), user.Role()!.Value, user.Jurisdiction()!.Value, false,
                CookieAuthenticationDefaults.AuthenticationScheme, CenterUser.StampOf(stored?.PasswordHash));
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, refreshed);
            return Results.Redirect(HomeOf(refreshed));
        }).RequireAuthorization().DisableAntiforgery();
    }

    public static void MapUserAdministration(this WebApplication app)
    {
        var admin = app.MapGroup("/admin/users").RequireAuthorization(nameof(Permission.Administer)).DisableAntiforgery();
        admin.MapPost("/create", async (HttpContext http, IAntiforgery antiforgery, UserAdministration users) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            var f = await http.Request.ReadFormAsync(http.RequestAborted);
            var error = await users.CreateAsync(http.User, f["id"].ToString(), f["displayName"].ToString(), f["role"].ToString(),
                f["jurisdiction"].ToString(), f["password"].ToString(), http.RequestAborted);
            return Back(error, $"已新建账号 {f["id"]}");
        });
        admin.MapPost("/reset", async (HttpContext http, IAntiforgery antiforgery, UserAdministration users) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            var f = await http.Request.ReadFormAsync(http.RequestAborted);
            var error = await users.ResetPasswordAsync(http.User, f["id"].ToString(), f["password"].ToString(), http.RequestAborted);
            return Back(error, $"已重置 {f["id"]} 的密码");
        });

        admin.MapPost("/move", async (HttpContext http, IAntiforgery antiforgery, UserAdministration users) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            var f = await http.Request.ReadFormAsync(http.RequestAborted);
            var error = await users.MoveAsync(http.User, f["id"].ToString(), f["role"].ToString(), f["jurisdiction"].ToString(), http.RequestAborted);
            return Back(error, $"已调整 {f["id"]} 的角色和辖区,其会话已结束");
        });
        admin.MapPost("/disable", async (HttpContext http, IAntiforgery antiforgery, UserAdministration users) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            var f = await http.Request.ReadFormAsync(http.RequestAborted);
            var disable = f["disabled"].ToString() != "0";
            var error = await users.SetDisabledAsync(http.User, f["id"].ToString(), disable, http.RequestAborted);
            return Back(error, disable ? $"已停用 {f["id"]},其会话已结束" : $"已启用 {f["id"]}");
        });
        admin.MapPost("/end-session", async (HttpContext http, IAntiforgery antiforgery, UserAdministration users) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            var f = await http.Request.ReadFormAsync(http.RequestAborted);
            var error = await users.EndSessionAsync(http.User, f["session"].ToString(), http.RequestAborted);
            return Back(error, "会话已结束");
        });

        static IResult Back(string? error, string done) => Results.Redirect(error is null
            ? $"/admin/users?done={Uri.EscapeDataString(done)}"
            : $"/admin/users?error={Uri.EscapeDataString(error)}");
    }

    /// <summary>Where a role lands after sign-in.</summary>
    public static string HomeOf(ClaimsPrincipal user) => "/";

    private static async Task<IResult> SignInAsync(HttpContext http, AccountService accounts, IAntiforgery antiforgery,
        SecurityOptions options, TimeProvider time, bool device)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Redirect($"{(device ? "/device" : "/login")}?error={Uri.EscapeDataString("页面已过期,请重新登录")}");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var user = device ? "wall" : form["username"].ToString();
        var result = device
            ? await accounts.SignInAsync(form["device"].ToString(), form["token"].ToString(), Client(http), device: true, http.RequestAborted)
            : await accounts.SignInAsync(user, form["password"].ToString(), Client(http), device: false, http.RequestAborted);
        if (!result.Succeeded)
        {
            return Results.Redirect($"{(device ? "/device" : "/login")}?error={Uri.EscapeDataString(result.Error!)}");
        }

        var role = result.User!.Role()!.Value;
        var now = time.GetUtcNow();
        var properties = new AuthenticationProperties
        {
            // A wall keeps its device session across browser restarts; people's sessions end with the browser or when idle.
            IsPersistent = role == Role.WallDisplay,
            IssuedUtc = now,
            ExpiresUtc = now + options.IdleTimeout(role),
            AllowRefresh = true,
        };
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, result.User!, properties);
        var returnUrl = form["returnUrl"].ToString();
        return Results.Redirect(Domain.Security.LocalReturnUrl.Normalize(returnUrl) ?? HomeOf(result.User!));
    }


    public static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
