using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Dispatch;
using CommandCenter.Domain.Reference;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.Units;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Feeds.Simulator;

/// <summary>
/// The demo district's catalogues as data: its departments, a working subset of the GB/T 47678.5 categories, the usual
/// split of a Chinese street's dispatch catalogue, the deadline rules of DOMAIN.md §2, and the State Council's holiday
/// schedules (国务院办公厅 放假安排) for 2025 and 2026.
/// </summary>
internal static class DemoCatalogues
{
    public static readonly Department[] Departments =
    [
        new("police", "公安"), new("city", "城管"), new("safety", "安监"), new("env", "环保"), new("market", "市场监管"),
        new("fire", "消防"), new("housing", "住建"), new("property", "物业"), new("social", "社会组织"), new("volunteers", "志愿者"),
        new("justice", "司法"), new("civil", "民政"), new("petition", "信访"),
    ];

    public static CategoryCatalog Categories { get; } = new(
        new (string Code, string Name)[]
        {
            ("01001", "供水井盖"), ("01002", "污水井盖"), ("01003", "雨水井盖"), ("01004", "电力井盖"), ("01005", "通信井盖"),
            ("01006", "燃气井盖"), ("01007", "热力井盖"), ("01013", "消防设施"), ("01054", "充电桩"), ("01066", "紧急报警点"),
            ("01076", "公用电梯"), ("02014", "交通信号灯"), ("03005", "果皮箱"), ("06001", "私搭乱建"), ("06010", "暴露垃圾"),
            ("06028", "噪声扰民"), ("06029", "露天烧烤"), ("06042", "垃圾站满溢"), ("07001", "非法小广告"), ("08004", "工地扬尘"),
            ("09001", "无照经营游商"), ("09006", "占道经营"), ("09009", "违章停车"), ("09010", "非机动车乱停放"), ("09012", "占用消防通道"),
            ("21001", "邻里纠纷"), ("21002", "婚姻家庭纠纷"), ("21003", "劳资纠纷"), ("21004", "物业纠纷"),
            ("22001", "消防安全隐患"), ("22002", "燃气安全隐患"), ("22003", "房屋安全隐患"), ("22004", "电动自行车违规充电"),
            ("23001", "独居老人走访"), ("23002", "独居老人告警"), ("23003", "社区矫正对象走访"), ("23004", "严重精神障碍患者走访"),
            ("24001", "来信"), ("24002", "来访"), ("24003", "网上信访"),
        }.Select(c => new Category(CategoryCode.From(c.Code), c.Name)),
        new Dictionary<int, string>
        {
            [1] = "公用设施", [2] = "道路交通", [3] = "市容环卫", [4] = "园林绿化", [5] = "其他部件",
            [6] = "市容环境", [7] = "宣传广告", [8] = "施工管理", [9] = "街面秩序", [10] = "其他事项",
            [21] = "矛盾纠纷", [22] = "安全隐患", [23] = "特殊人群", [24] = "信访",
        });

    public static DispatchCatalogue Dispatch { get; } = new(new Dictionary<string, DispatchRule>(StringComparer.Ordinal)
    {
        ["01"] = new("housing", ["property"]),
        ["01013"] = new("fire", ["property"]),
        ["01054"] = new("safety", ["property"]),
        ["01066"] = new("police", []),
        // Public elevators are special equipment, supervised by market supervision (市场监管), with the property manager.
        ["01076"] = new("market", ["property"]),
        ["02"] = new("police", []),
        ["03"] = new("city", []),
        ["06"] = new("city", ["env"]),
        ["06028"] = new("env", ["police"]),
        ["07"] = new("city", []),
        ["08"] = new("env", ["city"]),
        ["09"] = new("city", ["market"]),
        ["09009"] = new("police", ["city"]),
        ["09012"] = new("fire", ["property"]),
        // Social governance: disputes to the justice office (人民调解) with the police, hazards to safety with fire,
        // special groups to civil affairs, petitions to the petition office.
        ["21"] = new("justice", ["police"]),
        ["22"] = new("safety", ["fire"]),
        ["23"] = new("civil", []),
        ["24"] = new("petition", []),
    }, new DispatchRule("city", []));

    /// <summary>Dispatch 10/30 min, sign-off 30 min / 2 h, verify 30 min, handling by kind and category.</summary>
    public static IEnumerable<SlaRule> SlaRules(TimeSpan day)
    {
        yield return new(SlaStage.Dispatch, TimeSpan.FromMinutes(30));
        yield return new(SlaStage.Dispatch, TimeSpan.FromMinutes(10), Urgency: Urgency.Urgent);
        yield return new(SlaStage.SignOff, TimeSpan.FromHours(2));
        yield return new(SlaStage.SignOff, TimeSpan.FromMinutes(30), Urgency: Urgency.Urgent);
        yield return new(SlaStage.Verification, TimeSpan.FromMinutes(30));
        yield return new(SlaStage.Handling, day * 2);
        yield return new(SlaStage.Handling, TimeSpan.FromHours(2), Urgency: Urgency.Urgent);
        yield return new(SlaStage.Handling, day * 15, Kind: WorkOrderKind.Complaint);
        yield return new(SlaStage.Handling, day * 2, Kind: WorkOrderKind.Inquiry);
        foreach (var code in new[] { "06010", "06001", "06042", "09006", "09001", "06029", "03005" })
        {
            yield return new(SlaStage.Handling, TimeSpan.FromHours(4), CategoryCode.From(code));
        }

        // Social governance: disputes mediated within 5 working days; hazards rectified within 5 (a hazard's own
        // rectification deadline is its KPI); special-group visits within 3, an alarm of an elderly person living alone
        // within 1 hour; petitions within the 60 days the petition regulations (信访工作条例) allow, 42 working days.
        foreach (var code in new[] { "21001", "21002", "21003", "21004", "22001", "22002", "22003", "22004" })
        {
            yield return new(SlaStage.Handling, day * 5, CategoryCode.From(code));
        }

        foreach (var code in new[] { "23001", "23003", "23004" })
        {
            yield return new(SlaStage.Handling, day * 3, CategoryCode.From(code));
        }

        yield return new(SlaStage.Handling, TimeSpan.FromHours(1), CategoryCode.From("23002"));
        foreach (var code in new[] { "24001", "24002", "24003" })
        {
            yield return new(SlaStage.Handling, day * 42, CategoryCode.From(code));
        }
    }

    public static IEnumerable<CalendarDay> Holidays()
    {
        static IEnumerable<CalendarDay> Off(string name, int year, int month, int day, int days) =>
            Enumerable.Range(0, days).Select(i => new CalendarDay(new DateOnly(year, month, day).AddDays(i), true, name));
        static CalendarDay On(string name, int year, int month, int day) => new(new DateOnly(year, month, day), false, name + "调休上班");

        return
        [
            .. Off("元旦", 2025, 1, 1, 1), .. Off("春节", 2025, 1, 28, 8), On("春节", 2025, 1, 26), On("春节", 2025, 2, 8),
            .. Off("清明节", 2025, 4, 4, 3), .. Off("劳动节", 2025, 5, 1, 5), On("劳动节", 2025, 4, 27),
            .. Off("端午节", 2025, 5, 31, 3), .. Off("国庆节、中秋节", 2025, 10, 1, 8), On("国庆节", 2025, 9, 28), On("国庆节", 2025, 10, 11),
            .. Off("元旦", 2026, 1, 1, 3), On("元旦", 2026, 1, 4), .. Off("春节", 2026, 2, 15, 9), On("春节", 2026, 2, 14), On("春节", 2026, 2, 28),
            .. Off("清明节", 2026, 4, 4, 3), .. Off("劳动节", 2026, 5, 1, 5), On("劳动节", 2026, 5, 9),
            .. Off("端午节", 2026, 6, 19, 3), .. Off("中秋节", 2026, 9, 25, 3),
            .. Off("国庆节", 2026, 10, 1, 7), On("国庆节", 2026, 9, 20), On("国庆节", 2026, 10, 10),
        ];
    }

    /// <summary>The figures a big screen lists for a community (社区概况), plausible for its grids, from the seed.</summary>
    public static IEnumerable<(string Figure, decimal Value)> CommunityFigures(Random random, int grids)
    {
        var households = grids * random.Next(280, 520);
        var people = (int)(households * (2.4 + random.NextDouble() * 0.5));
        return
        [
            ("人口", people), ("户数", households), ("小区", random.Next(2, 9)), ("网格", grids), ("网格员", grids + random.Next(0, 3)),
            ("重点场所", random.Next(5, 30)), ("党群服务中心", 1), ("志愿者", people / random.Next(40, 90)),
            ("特殊人群", random.Next(3, 25)), ("困难群体", random.Next(10, 60)),
        ];
    }
}
