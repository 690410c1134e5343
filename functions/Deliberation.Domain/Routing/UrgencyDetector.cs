using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Routing;

/// <summary>
/// Emergency (燃气泄漏, 着火, 坍塌, 触电, 进水, a person in danger) from the town's emergency words, but not
/// where the words describe a hazard to prevent ("消防隐患", "防火宣传") or something long past.
/// </summary>
public static class UrgencyDetector
{
    /// <summary>Words near an emergency word that mean it is not happening now.</summary>
    private static readonly string[] NotNow =
    [
        "隐患", "隱患", "预防", "預防", "防范", "防範", "演练", "演練", "宣传", "宣傳", "检查", "檢查", "排查", "以前", "曾经", "曾經", "去年", "上个月", "上個月", "防止", "避免", "会不会", "會不會", "担心", "擔心",
    ];

    private const int Window = 8;

    public static Urgency Detect(string text, IEnumerable<string> emergencyWords)
    {
        foreach (var word in emergencyWords)
        {
            for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (IsWholeWord(text, at, word) && !NearNotNow(text, at, word.Length))
                {
                    return Urgency.Emergency;
                }
            }
        }

        return Urgency.Normal;
    }

    /// <summary>ASCII words ("fire") must not match inside other words ("firewood").</summary>
    private static bool IsWholeWord(string text, int at, string word)
    {
        if (!word.All(char.IsAscii))
        {
            return true;
        }

        var before = at == 0 || !char.IsAsciiLetter(text[at - 1]);
        var end = at + word.Length;
        var after = end >= text.Length || !char.IsAsciiLetter(text[end]);
        return before && after;
    }

    private static bool NearNotNow(string text, int at, int length)
    {
        var start = Math.Max(0, at - Window);
        var end = Math.Min(text.Length, at + length + Window);
        var around = text[start..end];
        return NotNow.Any(around.Contains);
    }
}
