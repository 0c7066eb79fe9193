using System.Diagnostics.CodeAnalysis;

namespace CommandCenter.Domain.Cameras;

/// <summary>
/// A GB/T 28181 device id: 20 digits = 8 area + 2 industry + 3 type (111 = DVR, 131 = camera, 132 = IP camera, …) +
/// 1 network + 6 serial.
/// </summary>
public readonly record struct CameraId
{
    private CameraId(string value) => Value = value;

    public string Value { get; }

    public string AreaCode => Value[..8];

    public string TypeCode => Value.Substring(10, 3);

    /// <summary>What the type code says the device is (GB/T 28181 appendix D), or null for other types.</summary>
    public string? TypeName => TypeCode switch
    {
        "111" => "DVR",
        "112" => "视频服务器",
        "118" => "NVR",
        "131" => "摄像机",
        "132" => "网络摄像机",
        _ => null,
    };

    public static CameraId From(string? value) =>
        TryFrom(value, out var id, out var error) ? id : throw new FormatException(error);

    public static bool TryFrom(string? value, out CameraId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        if (value is null || value.Length != 20 || !value.All(char.IsAsciiDigit))
        {
            error = $"camera id '{value}' must be 20 digits (GB/T 28181)";
            return false;
        }

        id = new CameraId(value);
        error = null;
        return true;
    }

    public override string ToString() => Value ?? string.Empty;
}
