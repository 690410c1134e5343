using System.Globalization;
using System.Text;
using System.Xml;

namespace Deliberation.Channels.WeChat;

/// <summary>A body that is not the flat &lt;xml&gt; document WeChat sends (or tries DTDs or entities).</summary>
public sealed class WeChatXmlException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// WeChat's XML: a flat &lt;xml&gt; element of named fields. Read with DTDs prohibited and no resolver, so
/// neither entity expansion nor external entities are possible; written with CDATA for text.
/// </summary>
public static class WeChatXml
{
    /// <summary>WeChat messages are a few KB at most; the reader refuses anything larger than this.</summary>
    public const int MaxCharacters = 64 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>The fields (children) of the &lt;xml&gt; root with their text; nested elements add nothing. The first of a name wins.</summary>
    public static IReadOnlyDictionary<string, string> ReadFields(string xml)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.Name != "xml")
            {
                throw new WeChatXmlException("The root element is not <xml>.");
            }

            // Each child of the root is one field; its text may come in several text or CDATA nodes.
            string? name = null;
            var value = new StringBuilder();
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.Depth == 1:
                        name = reader.Name;
                        value.Clear();
                        if (reader.IsEmptyElement)
                        {
                            fields.TryAdd(name, "");
                            name = null;
                        }

                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace when reader.Depth == 2 && name is not null:
                        value.Append(reader.Value);
                        break;
                    case XmlNodeType.EndElement when reader.Depth == 1 && name is not null:
                        fields.TryAdd(name, value.ToString());
                        name = null;
                        break;
                }
            }
        }
        catch (XmlException e)
        {
            throw new WeChatXmlException("The body is not well-formed XML or uses a DTD.", e);
        }

        return fields;
    }

    /// <summary>The safe-mode envelope's Encrypt value.</summary>
    public static string ReadEncrypt(string xml) =>
        ReadFields(xml).TryGetValue("Encrypt", out var encrypt) && !string.IsNullOrWhiteSpace(encrypt)
            ? encrypt.Trim()
            : throw new WeChatXmlException("The envelope has no Encrypt element.");

    /// <summary>
    /// The longest each field may be: what WeChat sends is far shorter (an openid is 28 characters, a text at most 2,048,
    /// a picture URL a few hundred), and anything longer would only be pushed into storage. A message over a cap is refused.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> FieldCaps = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["ToUserName"] = 64,
        ["FromUserName"] = 64,
        ["MsgType"] = 32,
        ["CreateTime"] = 20,
        ["MsgId"] = 64,
        ["Content"] = 4000,
        ["Recognition"] = 4000,
        ["MediaId"] = 256,
        ["PicUrl"] = 1024,
        ["Location_X"] = 32,
        ["Location_Y"] = 32,
        ["Label"] = 200,
        ["Event"] = 64,
        ["EventKey"] = 256,
    };

    public static WeChatMessage ReadMessage(string xml)
    {
        var f = ReadFields(xml);
        string? Get(string name) => f.TryGetValue(name, out var value) ? value.Trim() : null;
        foreach (var (field, cap) in FieldCaps)
        {
            if (Get(field) is { } value && value.Length > cap)
            {
                throw new WeChatXmlException($"{field} is longer than {cap} characters.");
            }
        }

        var to = Get("ToUserName");
        var from = Get("FromUserName");
        var type = Get("MsgType");
        if (string.IsNullOrEmpty(to) || string.IsNullOrEmpty(from) || string.IsNullOrEmpty(type)
            || !long.TryParse(Get("CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var createTime))
        {
            throw new WeChatXmlException("ToUserName, FromUserName, CreateTime and MsgType are required.");
        }

        return new WeChatMessage(to, from, createTime, type.ToLowerInvariant(), Get("MsgId"))
        {
            Content = Get("Content"),
            Recognition = Get("Recognition"),
            MediaId = Get("MediaId"),
            PicUrl = Get("PicUrl"),
            LocationX = Get("Location_X"),
            LocationY = Get("Location_Y"),
            Label = Get("Label"),
            Event = Get("Event"),
            EventKey = Get("EventKey"),
        };
    }

    /// <summary>The passive text reply (被动回复).</summary>
    public static string TextReply(string toUser, string fromUser, long createTime, string content)
    {
        var xml = new StringBuilder("<xml>");
        Cdata(xml, "ToUserName", toUser);
        Cdata(xml, "FromUserName", fromUser);
        xml.Append("<CreateTime>").Append(createTime.ToString(CultureInfo.InvariantCulture)).Append("</CreateTime>");
        Cdata(xml, "MsgType", "text");
        Cdata(xml, "Content", content);
        return xml.Append("</xml>").ToString();
    }

    /// <summary>The safe-mode reply envelope.</summary>
    public static string EncryptedReply(string encrypt, string msgSignature, string timestamp, string nonce)
    {
        var xml = new StringBuilder("<xml>");
        Cdata(xml, "Encrypt", encrypt);
        Cdata(xml, "MsgSignature", msgSignature);
        xml.Append("<TimeStamp>").Append(Escape(timestamp)).Append("</TimeStamp>");
        Cdata(xml, "Nonce", nonce);
        return xml.Append("</xml>").ToString();
    }

    // "]]>" cannot appear inside CDATA: end the section and start a new one between "]]" and ">".
    private static void Cdata(StringBuilder xml, string name, string value) =>
        xml.Append('<').Append(name).Append("><![CDATA[").Append(value.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)).Append("]]></").Append(name).Append('>');

    private static string Escape(string value) => System.Security.SecurityElement.Escape(value);
}
