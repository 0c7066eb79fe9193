namespace CommandCenter.Domain.Categories;

/// <summary>The categories a deployment uses; <see cref="Standard"/> is a working subset of GB/T 47678.5.</summary>
public sealed class CategoryCatalog
{
    private static readonly string[] ClassNames =
    [
        "", "公用设施", "道路交通", "市容环卫", "园林绿化", "其他部件",
        "市容环境", "宣传广告", "施工管理", "街面秩序", "其他事项",
    ];

    private readonly Dictionary<CategoryCode, Category> _byCode;

    public CategoryCatalog(IEnumerable<Category> categories) =>
        _byCode = categories.ToDictionary(c => c.Code);

    public static CategoryCatalog Standard { get; } = new(
    [
        C("01001", "供水井盖"), C("01013", "消防设施"), C("01054", "充电桩"), C("01066", "紧急报警点"),
        C("01076", "公用电梯"), C("02014", "交通信号灯"), C("03005", "果皮箱"), C("06001", "私搭乱建"),
        C("06010", "暴露垃圾"), C("06028", "噪声扰民"), C("06029", "露天烧烤"), C("06042", "垃圾站满溢"),
        C("07001", "非法小广告"), C("08004", "工地扬尘"), C("09001", "无照经营游商"), C("09006", "占道经营"),
        C("09009", "违章停车"), C("09010", "非机动车乱停放"), C("09012", "占用消防通道"),
    ]);

    public IEnumerable<Category> All => _byCode.Values;

    public Category? Find(CategoryCode code) => _byCode.GetValueOrDefault(code);

    /// <summary>The category's name, or its class name when the item is not in the catalogue.</summary>
    public string NameOf(CategoryCode code) =>
        _byCode.TryGetValue(code, out var c) ? c.Name : $"{ClassNames[code.Class]}·{code.Value}";

    private static Category C(string code, string name) => new(CategoryCode.From(code), name);
}
