using CommandCenter.Domain.Security;

namespace CommandCenter.Domain.Tests.Security;

/// <summary>Only a path on this site is a return address, however it is written.</summary>
public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/wall/district-command")]
    [InlineData("/wall/district-command?screen=2")]
    [InlineData("/desk#order-1")]
    [InlineData("/briefing?scope=320505%2C")]
    public void A_local_path_comes_back_as_it_was(string url) => Assert.Equal(url, LocalReturnUrl.Normalize(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/ /evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0a/evil.example")]
    [InlineData("/%2F/evil.example")]
    [InlineData("/%5C/evil.example")]
    [InlineData("/%252F%252Fevil.example")]
    [InlineData("/%25252525252F/evil.example")]
    [InlineData("\t/wall")]
    public void Anything_a_browser_could_read_as_another_site_is_refused(string? url) => Assert.Null(LocalReturnUrl.Normalize(url));
}
