using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// Outside the demo, an account still on its initial password may do nothing but change it.
/// (In the demo the seeded passwords are public, listed in the README, and the sign-in page says so.)
/// </summary>
public sealed class PasswordChangeGate(RequestDelegate next, IOptions<SecurityOptions> options)
{
    private static readonly string[] Open = ["/account", "/login", "/device", "/healthz", "/_framework", "/_content", "/css", "/js"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.DemoAccounts && context.User.Identity?.IsAuthenticated == true && context.User.MustChangePassword() &&
            !Open.Any(p => context.Request.Path.StartsWithSegments(p)) && !Path.HasExtension(context.Request.Path.Value))
        {
            context.Response.Redirect("/account/password");
            return Task.CompletedTask;
        }

        return next(context);
    }
}
