using CommandCenter.Feeds.Ingest;
using Microsoft.AspNetCore.Http;

namespace CommandCenter.Feeds.Http;

/// <summary>
/// The one error shape of the REST API, the ingest endpoints and the hub's HTTP side (RFC 9457,
/// <c>application/problem+json</c>): <c>type</c>, <c>title</c> (the kind of problem), <c>status</c>, <c>detail</c>
/// (every error as "field: rule", or what happened) and <c>errors</c>, a list of <c>{field, rule}</c> that is empty when
/// no field is to blame. Open311 answers in the format its specification mandates instead.
/// </summary>
public static class ApiProblem
{
    /// <summary>A problem with the given errors; the title defaults to the status's kind of problem.</summary>
    public static IResult Of(int status, string? title, IReadOnlyList<IngestViolation> errors, string? detail = null) =>
        Results.Problem(statusCode: status, title: title ?? TitleOf(status),
            detail: detail ?? (errors.Count == 0 ? title ?? TitleOf(status) : string.Join("; ", errors)),
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, rule = e.Rule }).ToList() });

    /// <summary>One field is wrong.</summary>
    public static IResult Field(int status, string field, string rule) => Of(status, null, [new IngestViolation(field, rule)]);

    /// <summary>A problem with no field to blame.</summary>
    public static IResult Plain(int status, string detail) => Of(status, null, [], detail);

    public static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid",
        StatusCodes.Status401Unauthorized => "Not signed in, or no valid key or signature",
        StatusCodes.Status403Forbidden => "Not allowed",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        StatusCodes.Status422UnprocessableEntity => "Cannot be processed",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        StatusCodes.Status503ServiceUnavailable => "Unavailable for now",
        >= 500 => "Server error",
        _ => "Request failed",
    };
}
