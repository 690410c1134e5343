using System.Text;

namespace Deliberation.Classification.Data;

/// <summary>
/// Reads and writes labelled examples as CSV (RFC 4180: quoted fields may hold commas, quotes and newlines;
/// a UTF-8 BOM is fine). Two layouts are read, told apart by the header row:
/// <c>label,text</c>, and <c>message_id,label,title,detail</c> where the text is the title and detail joined.
/// </summary>
public static class LabelledCsv
{
    /// <summary>Reads every example of a CSV file.</summary>
    public static IReadOnlyList<(string Label, string Text)> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader);
    }

    /// <summary>Reads every example from <paramref name="reader"/>; rows with an empty label are skipped.</summary>
    /// <exception cref="InvalidDataException">No header naming a <c>label</c> column and a <c>text</c> or <c>title</c>/<c>detail</c> column.</exception>
    public static IReadOnlyList<(string Label, string Text)> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var rows = ReadRows(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            return [];
        }

        var header = rows.Current.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var label = header.IndexOf("label");
        var text = header.IndexOf("text");
        var title = header.IndexOf("title");
        var detail = header.IndexOf("detail");
        if (label < 0 || (text < 0 && title < 0 && detail < 0))
        {
            throw new InvalidDataException(
                $"Expected a header 'label,text' or 'message_id,label,title,detail'; found '{string.Join(',', header)}'.");
        }

        var examples = new List<(string, string)>();
        while (rows.MoveNext())
        {
            var row = rows.Current;
            var value = Field(row, label).Trim();
            if (value.Length == 0)
            {
                continue;
            }

            var body = text >= 0 ? Field(row, text) : Join(Field(row, title), Field(row, detail));
            examples.Add((value, body.Trim()));
        }

        return examples;
    }

    /// <summary>Writes examples in the <c>label,text</c> layout, header first.</summary>
    public static void Write(TextWriter writer, IEnumerable<(string Label, string Text)> examples)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(examples);
        writer.Write("label,text\n");
        foreach (var (label, text) in examples)
        {
            writer.Write(FormatRow(label, text));
        }
    }

    /// <summary>One <c>label,text</c> row with its line end, quoted where needed: what a stored staff correction appends.</summary>
    public static string FormatRow(string label, string text) => $"{Quote(label)},{Quote(text)}\n";

    private static string Field(List<string> row, int index) => index >= 0 && index < row.Count ? row[index] : string.Empty;

    private static string Join(string title, string detail) =>
        title.Length == 0 ? detail : detail.Length == 0 ? title : $"{title}\n{detail}";

    private static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    private static IEnumerable<List<string>> ReadRows(TextReader reader)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        int next;
        while ((next = reader.Read()) >= 0)
        {
            var c = (char)next;
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && reader.Peek() == '\n') reader.Read();
                    if (fieldStarted || field.Length > 0 || row.Count > 0)
                    {
                        row.Add(field.ToString());
                        yield return row;
                    }

                    row = [];
                    field.Clear();
                    fieldStarted = false;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }

        if (quoted || fieldStarted || field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
