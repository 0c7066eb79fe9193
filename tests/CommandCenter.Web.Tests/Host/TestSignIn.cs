using System.Net;
using System.Text.RegularExpressions;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommandCenter.Web.Tests.Host;

/// <summary>Signs in through the real form (antiforgery token and all) and returns the client holding the cookie.</summary>
internal static partial class TestSignIn
{
    public static async Task<HttpClient> SignedInAsync(this WebApplicationFactory<Program> factory, string user,
        string password = DemoAccounts.Password, bool device = false)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostSignInAsync(user, password, device);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        return client;
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string user, string password, bool device = false,
        string? returnUrl = null)
    {
        var page = await client.GetStringAsync(new Uri(device ? "/device" : "/login", UriKind.Relative));
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }

        if (device)
        {
            form["device"] = user;
            form["token"] = password;
        }
        else
        {
            form["username"] = user;
            form["password"] = password;
        }

        return await client.PostAsync(new Uri(device ? "/account/device-sign-in" : "/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string AntiforgeryToken(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
