using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Feeds.Http;

/// <summary>
/// Under <c>/api</c> and <c>/hubs</c> every error answers in the <see cref="ApiProblem"/> shape, whoever produced it: a
/// bare status from sign-in checks, the router (404, 405) or a limiter gets a body, an unreadable request gets 400
/// naming what could not be read, and an exception gets 500 without details (logged with its trace id). Pages keep
/// their own error pages.
/// </summary>
public sealed partial class ApiProblems(RequestDelegate next, ILogger<ApiProblems> logger)
{
    public static bool Covers(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Covers(http.Request.Path))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false; // the not-found page is for people
        }

        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!http.Response.HasStarted)
        {
            await WriteAsync(http, ApiProblem.Plain(ex.StatusCode, ex.Message)).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !http.Response.HasStarted)
        {
            LogFailed(ex, http.Request.Method, http.Request.Path.Value ?? "", http.TraceIdentifier);
            await WriteAsync(http, ApiProblem.Plain(StatusCodes.Status500InternalServerError,
                $"the server failed; it is logged under trace id {http.TraceIdentifier}")).ConfigureAwait(false);
            return;
        }

        var response = http.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await WriteAsync(http, ApiProblem.Plain(response.StatusCode, ApiProblem.TitleOf(response.StatusCode))).ConfigureAwait(false);
        }
    }

    private static Task WriteAsync(HttpContext http, IResult problem)
    {
        http.Response.Clear();
        return problem.ExecuteAsync(http);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed (trace id {TraceId})")]
    private partial void LogFailed(Exception exception, string method, string path, string traceId);
}
