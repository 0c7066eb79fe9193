using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Units;

/// <summary>Departments that handle work orders (责任单位).</summary>
public enum Department
{
    /// <summary>公安</summary>
    Police = 0,

    /// <summary>城管</summary>
    CityManagement,

    /// <summary>安监</summary>
    SafetySupervision,

    /// <summary>环保</summary>
    Environment,

    /// <summary>市场监管 (food safety, and special equipment such as public elevators)</summary>
    MarketSupervision,

    /// <summary>消防</summary>
    Fire,

    /// <summary>住建</summary>
    Housing,

    /// <summary>物业</summary>
    PropertyManagement,

    /// <summary>社会组织</summary>
    SocialOrganization,

    /// <summary>志愿者</summary>
    Volunteers,
}

/// <summary>A responsible unit (e.g. 狮山街道城管中队) that orders are dispatched to.</summary>
public sealed record Unit(string Id, string Name, Department Department, JurisdictionCode Scope, GeoPoint? Base = null);

public static class Departments
{
    /// <summary>The department's name as a duty officer says it.</summary>
    public static string NameOf(Department department) => department switch
    {
        Department.Police => "公安",
        Department.CityManagement => "城管",
        Department.SafetySupervision => "安监",
        Department.Environment => "环保",
        Department.MarketSupervision => "市场监管",
        Department.Fire => "消防",
        Department.Housing => "住建",
        Department.PropertyManagement => "物业",
        Department.SocialOrganization => "社会组织",
        Department.Volunteers => "志愿者",
        _ => department.ToString(),
    };
}
