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

    /// <summary>食监</summary>
    FoodSupervision,

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
