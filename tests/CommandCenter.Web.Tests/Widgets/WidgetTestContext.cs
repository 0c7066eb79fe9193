using CommandCenter.Domain.Jurisdictions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Widgets;

/// <summary>Shared bUnit context: a fake clock and the test jurisdiction tree.</summary>
public abstract class WidgetTestContext : BunitContext
{
    internal WidgetTestContext()
    {
        Data = new Situations();
        Clock = new FakeTimeProvider(Situations.MondayNine);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(TestReference.BookWith(Data.Tree));
    }

    internal Situations Data { get; }

    internal FakeTimeProvider Clock { get; }
}
