using System.Security;

namespace Deliberation.Channels.Sms;

/// <summary>The TwiML answers a Twilio messaging webhook can give.</summary>
public static class TwiML
{
    public const string ContentType = "text/xml; charset=utf-8";

    public const string Empty = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    /// <summary>Reply to the sender with one message (the text XML-escaped).</summary>
    public static string Message(string text) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>{SecurityElement.Escape(text)}</Message></Response>";
}
