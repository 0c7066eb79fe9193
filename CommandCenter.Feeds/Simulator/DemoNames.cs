namespace CommandCenter.Feeds.Simulator;

/// <summary>Name material for the demo district: realistic, but every person and place below is invented.</summary>
internal static class DemoNames
{
    public static readonly (string Name, string Code, double Lat, double Lon)[] Streets =
    [
        ("狮山横塘街道", "001", 31.288, 120.562),
        ("枫桥街道", "002", 31.322, 120.545),
        ("镇湖街道", "003", 31.292, 120.382),
        ("东渚街道", "004", 31.312, 120.432),
        ("浒墅关镇", "100", 31.382, 120.492),
        ("通安镇", "101", 31.358, 120.428),
    ];

    public static readonly string[] CommunityStems =
    [
        "金色", "玉山", "竹园", "长江", "滨河", "新升", "白马涧", "文昌", "何山", "馨泰", "龙池", "阳山", "青城", "华通",
        "锦峰", "寒山", "枫津", "运河", "星火", "向阳", "和平", "永安", "翠园", "湖滨", "桥头", "荷韵", "绿岛", "春晓",
        "秋实", "景山", "太湖", "渔洋", "嵩山", "塔园", "梅亭", "金山", "宝带", "仙林", "鹿山", "花园", "观山", "惠丰",
    ];

    public static readonly string[] Surnames =
        ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭", "林", "何", "高", "罗"];

    public static readonly string[] GivenNames =
        ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "志强", "丽", "霞"];

    public static readonly string[] Places =
        ["小区东门", "农贸市场旁", "主干道路口", "公交站台", "河道沿线", "学校周边", "商业街", "地下车库入口", "老新村", "菜场北侧"];

    /// <summary>Category codes with their weight in daily volume and the phrase a report uses.</summary>
    public static readonly (string Code, int Weight, string Phrase)[] Categories =
    [
        ("06010", 16, "暴露垃圾未及时清运"), ("09006", 12, "店家占道经营"), ("09010", 11, "非机动车乱停放"),
        ("06028", 9, "夜间施工噪声扰民"), ("09001", 8, "无照游商聚集"), ("07001", 7, "张贴非法小广告"),
        ("06001", 5, "私搭乱建"), ("09009", 6, "机动车违章停车"), ("06042", 5, "垃圾站满溢"),
        ("08004", 4, "工地扬尘未覆盖"), ("06029", 4, "露天烧烤油烟"), ("01001", 3, "供水井盖破损"),
        ("09012", 3, "消防通道被占用"), ("02014", 2, "交通信号灯故障"), ("01076", 2, "公用电梯困人"),
        ("01054", 2, "充电桩故障"), ("03005", 1, "果皮箱损坏"),
        // Social governance (社会治理), reported by grid members and the hotline beside city management.
        ("21001", 2, "邻里噪音纠纷"), ("21004", 1, "物业费纠纷"), ("22004", 2, "楼道电动自行车充电"), ("22002", 1, "燃气管道老化"),
        ("23001", 2, "独居老人定期走访"), ("24002", 1, "群众来访反映补偿问题"),
    ];
}
