using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deliberation.Domain.Calendars;

/// <summary>Keeps deadlines in JSON policy files in their human-editable text form ("2 working hours").</summary>
public sealed class DeadlineSpecJsonConverter : JsonConverter<DeadlineSpec>
{
    /// <inheritdoc/>
    public override DeadlineSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A deadline must be a string such as \"2 working hours\", not {reader.TokenType}.");
        }

        return ParseText(reader.GetString());
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DeadlineSpec value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }

    /// <inheritdoc/>
    public override DeadlineSpec ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ParseText(reader.GetString());

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, DeadlineSpec value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString());
    }

    private static DeadlineSpec ParseText(string? text)
    {
        try
        {
            return DeadlineSpec.Parse(text ?? string.Empty);
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }
}
