using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// A small OpenID Connect provider on a loopback port: discovery, keys and a token endpoint that signs an
/// id_token with RS256. The code the test sends back carries the nonce to put in the token.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "commandcenter";
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };

    private FakeIdentityProvider(WebApplication app) => _app = app;

    public string Authority { get; private set; } = "";

    /// <summary>Claims the next token carries besides iss, aud, nonce and times.</summary>
    public Dictionary<string, object> Claims { get; } = [];

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var provider = new FakeIdentityProvider(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Authority,
            ["authorization_endpoint"] = $"{provider.Authority}/authorize",
            ["token_endpoint"] = $"{provider.Authority}/token",
            ["jwks_uri"] = $"{provider.Authority}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(provider.PublicKey()) } }));
        app.MapPost("/token", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var claims = new Dictionary<string, object>(provider.Claims) { ["nonce"] = form["code"].ToString() };
            var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = provider.Authority,
                Audience = ClientId,
                Claims = claims,
                Expires = DateTime.UtcNow.AddMinutes(5),
                IssuedAt = DateTime.UtcNow,
                SigningCredentials = new SigningCredentials(provider._key, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = "opaque", token_type = "Bearer", expires_in = 300, id_token = token });
        });
        await app.StartAsync();
        provider.Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return provider;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private RsaSecurityKey PublicKey() => new(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId };
}
