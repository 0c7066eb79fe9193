using MudBlazor;

namespace CommandCenter.Web.Components.Layout;

/// <summary>The wall's dark theme: deep navy, cyan accents, readable from across a room.</summary>
public static class WallTheme
{
    public static MudTheme Dark { get; } = new()
    {
        PaletteDark = new PaletteDark
        {
            Background = "#050d1a",
            Surface = "#0b1a2e",
            Primary = "#38bdf8",
            Secondary = "#f59e0b",
            Error = "#ef4444",
            Warning = "#f59e0b",
            Success = "#22c55e",
            TextPrimary = "#e2e8f0",
            TextSecondary = "#94a3b8",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "sans-serif"],
            },
        },
    };
}
