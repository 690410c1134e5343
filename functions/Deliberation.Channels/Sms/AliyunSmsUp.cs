using System.Text.Json;

namespace Deliberation.Channels.Sms;

/// <summary>One upstream text (上行短信) in an Alibaba Cloud SmsUp push.</summary>
public sealed record AliyunUpstream(string SequenceId, string PhoneNumber, string Content, string? DestCode, string? SignName, string? SendTime);

/// <summary>
/// Alibaba Cloud SMS upstream push (SmsUp, HTTP batch push): a JSON array of
/// <c>{"phone_number","send_time","content","sign_name","dest_code","sequence_id"}</c>. Aliyun retries
/// until it gets <c>{"code":0,"msg":"接收成功"}</c>, so a repeat is recognised by <c>sequence_id</c>.
/// </summary>
public static class AliyunSmsUp
{
    public const string Accepted = "{\"code\":0,\"msg\":\"接收成功\"}";

    /// <summary>Any non-zero code asks Aliyun to push again later.</summary>
    public const string RetryLater = "{\"code\":1,\"msg\":\"稍后重试\"}";

    public const string Malformed = "{\"code\":2,\"msg\":\"格式错误\"}";

    /// <summary>The items of a push (null entries for items lacking a sequence id, phone or content); null when the body is not a push.</summary>
    public static IReadOnlyList<AliyunUpstream?>? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return document.RootElement.EnumerateArray().Select(Read).ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AliyunUpstream? Read(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var sequence = Scalar(item, "sequence_id");
        var phone = Scalar(item, "phone_number");
        var content = Scalar(item, "content");
        return sequence is null || phone is null || content is null
            ? null
            : new AliyunUpstream(sequence, phone, content, Scalar(item, "dest_code"), Scalar(item, "sign_name"), Scalar(item, "send_time"));
    }

    /// <summary>sequence_id is a number in Aliyun's examples; accept it as a string too.</summary>
    private static string? Scalar(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
