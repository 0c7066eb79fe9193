using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Cameras;

/// <summary>A camera of the registry (雪亮工程, 明厨亮灶, 河长制) with its stream and status.</summary>
public sealed record Camera(
    CameraId Id,
    string Name,
    JurisdictionCode Scope,
    GeoPoint Location,
    bool Online,
    string? StreamUrl = null);
