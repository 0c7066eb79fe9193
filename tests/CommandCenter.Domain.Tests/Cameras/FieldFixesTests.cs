using CommandCenter.Domain.Cameras;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Dispatch;
using CommandCenter.Domain.Units;

namespace CommandCenter.Domain.Tests.Cameras;

/// <summary>What a duty commander would frown at: device types named as GB/T 28181 names them, elevators to market supervision.</summary>
public sealed class FieldFixesTests
{
    [Theory]
    [InlineData("32050500011110000001", "DVR")]
    [InlineData("32050500011310000001", "摄像机")]
    [InlineData("32050500011320000001", "网络摄像机")]
    [InlineData("32050500011180000001", "NVR")]
    [InlineData("32050500012000000001", null)]
    public void GB28181_type_codes_name_the_device(string id, string? expected) =>
        Assert.Equal(expected, CameraId.From(id).TypeName);

    [Fact]
    public void A_public_elevator_goes_to_market_supervision_with_the_property_manager()
    {
        var rule = TestData.Reference.Dispatch.RuleFor(CategoryCode.From("01076"));

        Assert.Equal(("market", "市场监管"), (rule.Lead, TestData.Reference.DepartmentName(rule.Lead)));
        Assert.Equal(["property"], rule.Assisting);
    }
}
