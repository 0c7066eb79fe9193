using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// Response headers every page gets, including a content security policy the wall works under (no inline
/// scripts, no third-party origins: walls often sit on isolated networks), and the origin check of the live
/// connection, so another site cannot open a wall's circuit with a user's cookie.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<SecurityOptions> options, IOptions<Walls.WallOptions> wall)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>The policy, with the map's tile server (its origin only) allowed as an image source when one is configured.</summary>
    private readonly string _policy = wall.Value.MapTileOrigin is { } tiles
        ? ContentSecurityPolicy.Replace("img-src 'self' data: blob:;", $"img-src 'self' data: blob: {tiles};", StringComparison.Ordinal)
        : ContentSecurityPolicy;

    public async Task InvokeAsync(HttpContext context)
    {
        if ((context.Request.Path.StartsWithSegments("/_blazor") || context.Request.Path.StartsWithSegments("/hubs")) && !OriginAllowed(context))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("origin not allowed");
            return;
        }

        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context);
    }

    private bool OriginAllowed(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true; // not a browser cross-site request
        }

        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ||
               options.Value.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }
}
