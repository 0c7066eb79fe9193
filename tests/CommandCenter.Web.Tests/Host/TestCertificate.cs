using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CommandCenter.Web.Tests.Host;

/// <summary>
/// A self-signed certificate with its key, as an operator would configure for Security:KeyEncryption: made once per test
/// run into a PKCS#12 file.
/// </summary>
internal static class TestCertificate
{
    public const string Password = "test-key-encryption";

    private static readonly Lazy<string> File = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CommandCenter test key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cc-key-encryption-{Guid.NewGuid():N}.pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    });

    public static string Path => File.Value;

    /// <summary>The settings that name it.</summary>
    public static IEnumerable<(string Key, string Value)> Settings =>
        [("Security:KeyEncryption:CertificatePath", Path), ("Security:KeyEncryption:CertificatePassword", Password)];
}
