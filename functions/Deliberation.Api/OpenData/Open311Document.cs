using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Deliberation.Api.OpenData;

/// <summary>One record of a GeoReport v2 answer: its fields in the spec's order, with the spec's names.</summary>
public sealed class Open311Record : List<KeyValuePair<string, object?>>
{
    public void Add(string name, object? value) => Add(new KeyValuePair<string, object?>(name, value));
}

/// <summary>
/// GeoReport v2 answers in either format from the same records: JSON, an array of objects; XML, a root element holding
/// one element per record (<c>&lt;services&gt;&lt;service&gt;…</c>). Dates are W3C date-times with their offset, text is UTF-8.
/// </summary>
public static class Open311Document
{
    public const string Json = "json";
    public const string Xml = "xml";

    public static bool IsFormat(string? format) => format is Json or Xml;

    public static IResult Write(string format, string root, string element, IEnumerable<Open311Record> records, int status = StatusCodes.Status200OK) =>
        format == Xml
            ? TypedResults.Content(ToXml(root, element, records), "text/xml; charset=utf-8", Encoding.UTF8, status)
            : TypedResults.Content(ToJson(records), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>The spec's error answer: <c>[{"code":400,"description":"…"}]</c> or <c>&lt;errors&gt;&lt;error&gt;…</c>, with the HTTP status.</summary>
    public static IResult Error(string? format, int code, string description) =>
        Write(format == Xml ? Xml : Json, "errors", "error", [new Open311Record { { "code", code }, { "description", description } }], code);

    private static string ToJson(IEnumerable<Open311Record> records)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var record in records)
            {
                json.WriteStartObject();
                foreach (var (name, value) in record)
                {
                    json.WritePropertyName(name);
                    switch (value)
                    {
                        case null: json.WriteNullValue(); break;
                        case bool b: json.WriteBooleanValue(b); break;
                        case int i: json.WriteNumberValue(i); break;
                        case double d: json.WriteNumberValue(d); break;
                        default: json.WriteStringValue(Text(value)); break;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string ToXml(string root, string element, IEnumerable<Open311Record> records)
    {
        var output = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root);
            foreach (var record in records)
            {
                xml.WriteStartElement(element);
                foreach (var (name, value) in record)
                {
                    xml.WriteElementString(name, value is null ? "" : Text(value));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return output.ToString();
    }

    private static string Text(object value) => value switch
    {
        DateTimeOffset at => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A StringWriter that declares UTF-8 (the XML declaration says what the response is encoded in).</summary>
    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
