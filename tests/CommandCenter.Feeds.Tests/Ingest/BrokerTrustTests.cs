using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommandCenter.Feeds.Ingest;

namespace CommandCenter.Feeds.Tests.Ingest;

/// <summary>With Ingest:MqttCaFile, the broker's certificate must chain to that CA and name the host, nothing else.</summary>
public sealed class BrokerTrustTests
{
    [Fact]
    public void Only_a_certificate_from_the_configured_CA_naming_the_host_is_trusted()
    {
        using var cityCa = Ca("city-ca");
        using var otherCa = Ca("other-ca");
        using var broker = Issue(cityCa, "127.0.0.1");

        Assert.True(MqttIngestService.TrustedBy(cityCa, broker, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(MqttIngestService.TrustedBy(otherCa, broker, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(MqttIngestService.TrustedBy(cityCa, broker, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(MqttIngestService.TrustedBy(cityCa, null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    private static X509Certificate2 Ca(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Parse(host));
        request.CertificateExtensions.Add(names.Build());
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);
        return issued.CopyWithPrivateKey(key);
    }
}
