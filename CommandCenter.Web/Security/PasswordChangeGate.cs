using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// An account on an initial or reset password may do nothing but change it: pages go to <c>/account/password</c>, the API
/// and the hub answer 403 saying so. Only the demo accounts of Development are let through (their passwords are public,
/// listed in the README, and the sign-in page says so); outside Development the demo accounts cannot be on.
/// </summary>
public sealed class PasswordChangeGate(RequestDelegate next, IOptions<SecurityOptions> options)
{
    private static readonly string[] Open = ["/account", "/login", "/device", "/healthz", "/_framework", "/_content", "/css", "/js"];

    public Task InvokeAsync(HttpContext context)
    {
        if (options.Value.DemoAccounts || context.User.Identity?.IsAuthenticated != true || !context.User.MustChangePassword() ||
            Open.Any(p => context.Request.Path.StartsWithSegments(p)) || Path.HasExtension(context.Request.Path.Value))
        {
            return next(context);
        }

        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            return Feeds.Http.ApiProblem.Of(StatusCodes.Status403Forbidden, "Password change required", [],
                "this account is on an initial or reset password: change it at /account/password first").ExecuteAsync(context);
        }

        context.Response.Redirect("/account/password");
        return Task.CompletedTask;
    }
}
