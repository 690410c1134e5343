using System.Text.RegularExpressions;

namespace Deliberation.Domain.Routing;

/// <summary>
/// One kind of danger, named two ways. <paramref name="Events"/> name the danger happening ("着火", "叫不醒").
/// <paramref name="Subjects"/> and <paramref name="Signs"/> describe it: residents rarely say "燃气泄漏" but "管子脱了，
/// 呼呼往外跑气", so a thing that can be dangerous (管子, 气罐, 火, 堤) and a sign of it going wrong (跑气, 冒, 漫过) in
/// the same clause count as the event.
/// </summary>
/// <param name="SubjectsAnywhere">The subject may stand in another clause: "我儿子刚才还在河边玩，现在找不到了".</param>
/// <param name="Patterns">Events with a gap in them ("被我男人打了").</param>
public sealed record HazardConcept(
    string Name,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> Subjects,
    IReadOnlyList<string> Signs,
    bool SubjectsAnywhere = false,
    IReadOnlyList<Regex>? Patterns = null);

/// <summary>
/// The hazards the detector knows, each with a broad vocabulary: category words, symptoms (a smell, a sound, water
/// up to the knee, a person who will not wake), colloquial and traditional forms and common typos. Words here are
/// meant to generalise; the sentences of the labelled sets must not be copied into it.
/// </summary>
public static class HazardLexicon
{
    public static readonly IReadOnlyList<HazardConcept> Concepts =
    [
        new(
            "gas",
            Events:
            [
                "煤气味", "燃气味", "天然气味", "瓦斯味", "液化气味", "沼气味", "臭鸡蛋味", "煤氣味", "燃氣味", "煤汽味", "燃汽味", "大蒜味",
                "燃气泄漏", "燃气泄露", "燃氣洩漏", "天然气泄漏", "天然气泄露", "煤气泄漏", "煤气泄露", "漏气", "漏氣", "漏汽", "冒气", "喷气",
                "跑气", "冒白气", "往外冒气", "煤气中毒", "一氧化碳", "烧炭", "炭盆", "gas leak", "gas smell", "smell of gas",
            ],
            Subjects:
            [
                "煤气", "燃气", "天然气", "液化气", "沼气", "瓦斯", "煤氣", "燃氣", "煤汽", "燃汽", "气罐", "氣罐", "钢瓶", "气瓶", "燃气表",
                "燃气管", "气管子", "灶", "阀门", "接头", "热水器", "炭火", "化工", "gas",
            ],
            Signs:
            [
                "漏", "泄", "洩", "冒气", "冒白气", "往外冒", "往外喷", "呲呲", "滋滋", "嘶嘶", "嗤嗤", "咝咝", "丝丝", "呼呼", "脱了", "挖裂", "挖破", "挖断", "裂了", "破了",
                "断了", "关不上", "关不住", "味", "臭", "头晕", "头昏", "晕", "想吐", "胸闷", "smell",
            ]),
        new(
            "smell",
            Events: ["怪味", "怪臭", "刺鼻", "焦味", "焦糊", "糊味", "烧焦", "烧塑料", "胶皮味"],
            Subjects: ["味", "臭", "气味"],
            Signs: ["头晕", "头昏", "头疼", "头痛", "脑壳疼", "想吐", "恶心", "胸闷", "咳", "喘不", "熏得人", "呛得", "眼睛疼", "睁不开"],
            SubjectsAnywhere: true),
        new(
            "fire",
            Events:
            [
                "着火", "著火", "着伙", "起火", "失火", "火灾", "火災", "燃烧", "燃燒", "烧起来", "燒起來", "烧着", "燒著", "点着了", "烧穿",
                "火光", "冒火", "火苗", "火势", "火勢", "明火", "浓烟", "濃煙", "黑烟", "黑煙", "自燃", "火很大", "火老大", "火烧到",
                "燒到", "烧到", "烧了", "燒了", "扑不灭", "灭不了", "灭不掉", "火灭不", "烟往", "冒烟", "冒煙", "fire", "smoke", "burning",
            ],
            Subjects: ["火", "烟", "煙", "烟雾", "火焰", "红通通"],
            Signs:
            [
                "冒", "窜", "蹿", "蔓延", "冲天", "烧", "燒", "着了", "很浓", "好浓", "很大", "好大", "看不见", "看不清", "滚滚", "烫", "红通通",
                "往外", "出来", "进来", "里面", "楼道", "屋里", "烟",
            ]),
        new(
            "flood",
            Events:
            [
                "进水", "進水", "倒灌", "漫进", "漫過", "漫过", "漫到家", "漫到屋", "漫到客厅", "漫到卧室", "漫到房间", "漫到床", "漫到门口了", "漫进屋", "灌进", "灌進", "淹了", "被淹", "被水淹", "水淹", "淹水", "泡在水里",
                "决口", "决堤", "溃堤", "潰堤", "洪水", "返水", "水到膝盖", "到膝盖", "到腰", "过腰", "過腰", "没过", "水管爆", "水管炸",
                "管爆了", "爆管", "水管破", "山洪", "泥石流", "flood",
            ],
            Subjects: ["水", "堤", "坝", "壩", "水管", "总管", "涵洞", "河", "泥巴", "泥浆", "雨", "地下室", "地库", "车库", "一楼"],
            Signs:
            [
                // Not a bare 漫: sewage overflowing onto a road (污水漫到路上) is the commonest complaint there is, not a flood.
                "漫进", "漫上", "漫过", "灌", "淹", "泡", "涨", "漲", "翻过", "冲进", "冲开", "冲下来", "冲垮", "冲倒", "往里", "进屋", "到床", "口子", "缺口", "爆",
                "炸", "哗哗", "越来越大", "管涌", "冒水", "垮", "塌", "冲走", "卷走",
            ]),
        new(
            "collapse",
            Events:
            [
                "坍塌", "倒塌", "塌了", "塌方", "塌陷", "塌下来", "震塌", "墙塌", "牆塌", "房子塌", "垮了", "垮下来", "垮塌", "滑坡", "山体滑",
                "刮倒", "推倒", "被压在", "压在下面", "压在人", "壓到人", "砸到人", "砸在", "埋了", "被埋", "墙倒", "树倒", "杆倒", "砸到",
                "砸下来", "压到", "壓到", "往下掉", "往下落", "陷下去", "房梁断", "梁断了", "塌", "collapse",
            ],
            Subjects: ["墙", "牆", "房", "屋顶", "屋頂", "房顶", "房梁", "楼板", "天花板", "吊顶", "阳台", "树", "樹", "广告牌", "脚手架", "路面", "地面", "桥", "山", "砖", "瓦", "水泥"],
            Signs: ["倒", "断了", "掉下来", "掉块", "裂开", "陷", "垮", "塌", "砸", "压住", "压着", "横在", "拔起", "歪了", "在晃", "晃得"]),
        new(
            "electric",
            Events:
            [
                "触电", "觸電", "漏电", "漏電", "被电", "電到", "电到", "电打", "电倒", "带电", "帶電", "有电", "火花", "火星", "跳火", "打火花",
                "电线掉", "电线断", "电线刮断", "压断了电线", "电线拖", "电线搭", "高压线", "垂下来", "麻脚", "麻手", "手都麻", "electrocut",
            ],
            Subjects: ["电线", "電線", "电缆", "电箱", "电表箱", "配电", "变压器", "插座", "插头", "线路", "电线杆", "路灯杆", "开关"],
            Signs: ["冒", "闪", "噼里啪啦", "劈里啪啦", "噼噼啪啪", "啪啪", "滋滋", "吱吱", "轰", "焦", "烟", "断", "掉", "垂", "泡在", "蓝光", "响", "着了", "烧", "爆"]),
        new(
            "trapped",
            Events:
            [
                "被困", "困在", "困住", "卡在", "卡住了", "出不来", "上不来", "被关在", "关在里面", "关在里头", "锁在", "锁住", "鎖住", "反锁",
                "下不来", "掉进", "掉進", "掉到井", "trapped",
            ],
            Subjects: ["电梯", "電梯"],
            Signs: ["停了", "不动了", "打不开", "开不了", "卡", "掉", "坠", "里面", "冲顶", "蹲底", "没人理", "在喊"]),
        new(
            "person",
            Events:
            [
                // drowning and missing near water
                "落水", "溺水", "掉进河", "掉进水", "掉河里", "不会游泳", "扑腾", "滑下去", "没上来", "没看见上来", "沉下去", "浮着一个人",
                "漂着一个人", "脸朝下", "跳河", "跳下去", "跳楼", "要跳", "轻生", "自杀", "割腕", "drown",
                // unconscious, not breathing
                "叫不醒", "喊不醒", "没气", "没了气", "没有呼吸", "沒有呼吸", "没呼吸", "不省人事", "昏迷", "晕倒", "暈倒", "晕过去", "昏过去",
                "晕在", "昏倒", "没有反应", "没反应", "没回应", "不答应", "喊都不应", "叫都不应", "不动了", "一动不动", "趴着不动",
                "躺着不动", "没声音了", "unconscious", "not breathing",
                // breathing, heart, stroke, fits, poison
                "喘不上气", "喘不过气", "喘不過氣", "憋得", "呼吸困难", "抽搐", "抽起来", "抽风", "翻白", "口吐白沫", "发紫", "發紫",
                "胸口疼", "胸口痛", "心口疼", "心脏病", "中风", "說不出話", "说不出话", "话都说不清", "说话含糊", "半边身子", "动不了",
                "农药", "安眠药", "中毒", "吞了",
                // bleeding and wounds
                "流血", "出血", "血流", "满脸是血", "满头血", "满头是血", "都是血", "一身血", "好多血", "很多血", "头破", "受伤", "受傷",
                "骨折", "绞进", "卷进", "被车撞", "撞飞", "撞倒", "摔下来", "掉下来了", "羊水破", "要生了", "bleeding",
                // a fall, and a cry for help
                "摔倒", "跌倒", "滑倒", "摔了", "起不来", "爬不起来", "躺在地上", "倒在", "救命", "救救", "呼救", "喊救命", "help",
            ],
            Subjects: [],
            Signs: []),
        new(
            "violence",
            Events:
            [
                "拿着刀", "拿刀", "持刀", "挥着刀", "挥刀", "抡", "菜刀", "斧头", "铁棍", "砍人", "砍伤", "乱砍", "捅人", "捅伤", "打人", "打老婆",
                "打我", "打她", "打他", "打孩子", "打一个", "打起来", "在打", "被打", "打架", "斗殴", "围殴", "殴打", "家暴", "弄死", "杀人",
                "杀了", "伤人", "砸车", "砸门", "踹门", "砸东西", "抢包", "抢劫", "抢东西", "尖叫", "绑架", "放火", "纵火", "点了这", "烧了这",
                "泼汽油", "汽油", "硫酸", "堵在", "都是伤", "互相捅", "捅", "刺伤", "打伤", "打破头", "knife", "fight",
            ],
            Subjects: [],
            Signs: [],
            Patterns:
            [
                // 被我男人打了, 把一个学生堵在巷子里打: a beating with the victim between
                new("被[^，。！？□]{1,5}(打|砍|捅|掐)(了|伤|得|破)", RegexOptions.CultureInvariant),
                new("把[^，。！？□]{1,10}(打|砍|捅|掐)(了|伤|得|$)", RegexOptions.CultureInvariant),
                new("拿[^，。！？□]{1,6}(砸|打|砍|捅|抽|刺)", RegexOptions.CultureInvariant),
            ]),
        new(
            // a person harmed or taken ill, described by what is seen: the person may be named in another clause
            "harmed",
            Events:
            [
                "嘴歪", "口角歪", "口水直流", "打滚", "迷迷糊糊", "神志不清", "意识不清", "头着地", "后脑着地", "吐血", "咳血", "冷汗",
                "脸色发白", "脸色煞白", "在哼", "呻吟", "肉没了", "咬得很", "动弹不得", "站不起来",
            ],
            Subjects:
            [
                "人", "老人", "小孩", "孩子", "娃", "孕妇", "老公", "老婆", "我妈", "我爸", "爷爷", "奶奶", "外婆", "外公", "同事", "工人", "师傅",
                "学生", "女的", "男的", "司机",
            ],
            Signs: ["压住", "压着", "砸中", "砸伤", "倒地", "掉到", "掉进", "掉下去", "挣扎", "疼得", "痛得", "喊着救", "叫都不", "怎么叫都", "被咬"],
            SubjectsAnywhere: true),
        new(
            // water or a pit with someone in it
            "water",
            Events: [],
            Subjects: ["河", "塘", "池", "井", "坑", "湖", "江", "海", "沟", "水里", "水库", "粪"],
            Signs: ["掉到", "掉进", "掉下去", "挣扎", "沉下", "漂着", "浮着", "冲走", "卷走", "不见了", "喊救", "喊着救"]),
        new(
            // someone missing, most often near water: the person may be named in another clause
            "missing",
            Events: ["只看到一个", "只上来一个", "少了一个", "没看到上来"],
            Subjects: ["孩子", "小孩", "儿子", "女儿", "娃", "老人", "老太", "老头", "老伯", "大爷", "奶奶", "爷爷", "外婆", "外公", "妈", "爸", "人"],
            Signs: ["不见了", "找不到", "找不着", "没回来", "走丢", "走失", "联系不上", "没上来"],
            SubjectsAnywhere: true),
        new(
            // an elderly or vulnerable person who does not answer
            "unreachable",
            Events: [],
            Subjects: ["老人", "老太", "老头", "老伯", "大爷", "大妈", "奶奶", "爷爷", "外婆", "外公", "阿婆", "阿公", "婆婆", "独居", "一个人住", "一个人在家", "自己在家", "自己住"],
            Signs: ["都不接", "不接电话", "没人接", "没人应", "没开门", "没见着", "没见到", "没动静", "没声音", "联系不上", "敲门没", "怎么叫都", "叫都不", "只听到"],
            SubjectsAnywhere: true),
    ];

    /// <summary>
    /// Words that do often mean danger but just as often not ("冒烟" of a street stall, "不见了" of a lost key): alone,
    /// with no sign of the present, they make a possible emergency rather than an emergency.
    /// </summary>
    public static readonly IReadOnlySet<string> Ambiguous = new HashSet<string>(StringComparer.Ordinal)
    {
        "冒气", "有电", "卡在", "锁在", "下不来", "出不来", "垂下来", "摔了", "打架", "砸在", "动不了", "说不出话", "火花", "中毒",
        "摔倒", "跌倒", "滑倒", "倒在", "高压线", "受伤", "受傷", "倒灌", "冒烟", "冒煙", "砸到", "压到", "往下掉", "泄漏", "泄露", "洩漏",
        "刺鼻", "墙倒", "树倒", "杆倒", "滑下去", "塌", "怪味", "怪臭", "焦味", "焦糊", "糊味", "烧焦",
        "火星", "汽油", "烧了", "燒了", "抡", "菜刀", "斧头", "堵在", "尖叫", "吞了", "掉进", "掉進", "没反应", "没有反应", "没回应",
        "不答应", "没声音了", "炭盆", "要生了", "抽风", "捅", "help", "smoke", "fight",
        "嘴歪", "打滚", "迷迷糊糊", "冷汗", "在哼", "呻吟", "站不起来",
    };

    /// <summary>Every event word, for the report and for callers that want the detector's vocabulary.</summary>
    public static IReadOnlyList<string> AllEvents { get; } = [.. Concepts.SelectMany(c => c.Events).Distinct(StringComparer.Ordinal)];
}
