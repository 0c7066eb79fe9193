namespace CommandCenter.Domain.Security;

/// <summary>
/// Where signing in may send the browser back to: a path on this site, nothing else. Browsers drop tabs and newlines
/// from a URL and read a backslash as a slash, so <c>/&lt;TAB&gt;/evil.example</c> or <c>/\evil.example</c> would
/// leave the site; the same holds for their percent-encoded forms, which are decoded (up to three times) and checked too.
/// </summary>
public static class LocalReturnUrl
{
    private const int MaxLength = 2048;
    private const int MaxDecodings = 3;

    /// <summary>The return address when it is a safe local path, else null (the caller then uses the user's home).</summary>
    public static string? Normalize(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength)
        {
            return null;
        }

        var form = url;
        for (var decodings = 0; decodings <= MaxDecodings; decodings++)
        {
            if (!IsLocalPath(form))
            {
                return null;
            }

            var decoded = Uri.UnescapeDataString(form);
            if (decoded == form)
            {
                return url;
            }

            form = decoded;
        }

        return null; // encoded over and over: no honest link is
    }

    private static bool IsLocalPath(string path) =>
        path.StartsWith('/') && (path.Length == 1 || path[1] is not ('/' or '\\')) &&
        !path.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\');
}
