using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NetHelpfulness.Data;
using NetHelpfulness.Data.Spss;

namespace NetHelpfulness.Cli.Output;

/// <summary><c>nethelp describe --format json</c>: <c>{"cases", "variables": [{"name", "label", "type", "width", "value_labels", "missing_values"}]}</c>.</summary>
internal sealed record DescribeJson(long Cases, IReadOnlyList<DescribedVariableJson> Variables)
{
    public static DescribeJson From(DataFileDescription description) =>
        new(description.Cases, [.. description.Variables.Select(v => new DescribedVariableJson(
            v.Name, v.Label, v.Type, v.Width,
            [.. v.ValueLabels.Select(l => new DescribedValueLabelJson(l.Value, l.Label))],
            [.. v.MissingValues.Range is { } r ? [new MissingValueJson(null, r)] : Array.Empty<MissingValueJson>(),
                .. v.MissingValues.Discrete.Select(d => new MissingValueJson(d, null))]))]);
}

/// <summary>One variable of <see cref="DescribeJson"/>.</summary>
internal sealed record DescribedVariableJson(string Name, string? Label, string Type, int Width,
    IReadOnlyList<DescribedValueLabelJson> ValueLabels, IReadOnlyList<MissingValueJson> MissingValues);

/// <summary>A value label: the value (a JSON number, or a string for a string variable) and its label.</summary>
internal sealed record DescribedValueLabelJson([property: JsonConverter(typeof(SpssValueJsonConverter))] SpssValue Value, string Label);

/// <summary>A missing value: a number or string, or a range <c>{"low", "high"}</c> (null for SPSS's LO or HI).</summary>
[JsonConverter(typeof(MissingValueJsonConverter))]
internal sealed record MissingValueJson(SpssValue? Value, SpssMissingRange? Range);

/// <summary>Writes an SPSS value as a JSON number, or a string for string values (and for the non-finite numbers JSON lacks).</summary>
internal sealed class SpssValueJsonConverter : JsonConverter<SpssValue>
{
    public override SpssValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? SpssValue.FromText(reader.GetString()!) : SpssValue.FromNumber(reader.GetDouble());

    public override void Write(Utf8JsonWriter writer, SpssValue value, JsonSerializerOptions options) => WriteValue(writer, value);

    public static void WriteValue(Utf8JsonWriter writer, SpssValue value)
    {
        if (value.Text is { } text)
        {
            writer.WriteStringValue(text);
        }
        else if (double.IsFinite(value.Number))
        {
            writer.WriteNumberValue(value.Number);
        }
        else
        {
            writer.WriteStringValue(value.Number.ToString(CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>Writes a missing value as a bare value or as <c>{"low", "high"}</c>.</summary>
internal sealed class MissingValueJsonConverter : JsonConverter<MissingValueJson>
{
    public override MissingValueJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("describe's JSON is written, not read");

    public override void Write(Utf8JsonWriter writer, MissingValueJson value, JsonSerializerOptions options)
    {
        if (value.Range is { } range)
        {
            writer.WriteStartObject();
            Bound(writer, "low", range.Low);
            Bound(writer, "high", range.High);
            writer.WriteEndObject();
            return;
        }

        SpssValueJsonConverter.WriteValue(writer, value.Value!.Value);

        static void Bound(Utf8JsonWriter writer, string name, double bound)
        {
            if (double.IsInfinity(bound))
            {
                writer.WriteNull(name);
            }
            else
            {
                writer.WriteNumber(name, bound);
            }
        }
    }
}

/// <summary>Source-generated serialisation of the CLI's output records (no reflection at run time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DescribeJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
