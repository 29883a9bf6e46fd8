using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetHelpfulness.Tests.Data;

/// <summary>
/// <c>data/datapackage.json</c> describes the files as they are: every resource's path, size, hash and header, and
/// every value against its field's type and constraints (Frictionless Table Schema v1), keys included.
/// </summary>
public class DataPackageTests
{
    private static readonly Lazy<JsonElement> Package = new(() =>
        JsonDocument.Parse(File.ReadAllText(ShippedFiles.Path("datapackage.json"))).RootElement.Clone());

    public static TheoryData<string> Resources =>
        [.. JsonDocument.Parse(File.ReadAllText(ShippedFiles.Path("datapackage.json"))).RootElement
            .GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("name").GetString()!)];

    [Fact]
    public void Is_a_tabular_data_package_that_lists_every_data_file()
    {
        var package = Package.Value;
        Assert.Equal("tabular-data-package", package.GetProperty("profile").GetString());
        Assert.Matches("^[a-z0-9._-]+$", package.GetProperty("name").GetString());
        Assert.Contains("synthetic", package.GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase);
        var paths = package.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("path").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(ShippedFiles.DataFiles(), paths);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Resource_metadata_matches_its_file(string name)
    {
        var resource = Resource(name);
        var path = resource.GetProperty("path").GetString()!;
        Assert.Matches("^[a-z0-9._-]+$", name);
        Assert.Equal("tabular-data-resource", resource.GetProperty("profile").GetString());
        Assert.Equal("csv", resource.GetProperty("format").GetString());
        Assert.Equal("text/csv", resource.GetProperty("mediatype").GetString());
        Assert.Equal("utf-8", resource.GetProperty("encoding").GetString());
        Assert.Equal(new FileInfo(ShippedFiles.Path(path)).Length, resource.GetProperty("bytes").GetInt64());
        Assert.Equal("sha256:" + ShippedFiles.Sha256(path), resource.GetProperty("hash").GetString());
        var fields = resource.GetProperty("schema").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToArray();
        Assert.Equal(ShippedFiles.Header(path), fields);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Synthetic_resources_say_so(string name)
    {
        var resource = Resource(name);
        var path = resource.GetProperty("path").GetString()!;
        var isSynthetic = path.StartsWith("synthetic/", StringComparison.Ordinal) || path.Contains("synthetic", StringComparison.Ordinal);
        var says = resource.GetProperty("title").GetString()!.Contains("SYNTHETIC", StringComparison.Ordinal)
            && resource.GetProperty("description").GetString()!.Contains("SYNTHETIC", StringComparison.Ordinal);
        Assert.Equal(isSynthetic, says);
        Assert.Equal(isSynthetic, name.Contains("synthetic", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_value_meets_its_fields_type_and_constraints(string name)
    {
        var resource = Resource(name);
        var schema = resource.GetProperty("schema");
        var missing = schema.TryGetProperty("missingValues", out var mv) ? mv.EnumerateArray().Select(v => v.GetString()!).ToHashSet() : [""];
        var (_, rows) = ShippedFiles.ReadCsv(resource.GetProperty("path").GetString()!);
        Assert.NotEmpty(rows);
        var fields = schema.GetProperty("fields").EnumerateArray().ToArray();
        for (var c = 0; c < fields.Length; c++)
        {
            var field = fields[c];
            var fieldName = field.GetProperty("name").GetString();
            var constraints = field.TryGetProperty("constraints", out var k) ? k : default;
            var required = Flag(constraints, "required");
            var unique = Flag(constraints, "unique");
            var allowed = Property(constraints, "enum")?.EnumerateArray().Select(a => a.GetString()!).ToHashSet(StringComparer.Ordinal);
            var pattern = Property(constraints, "pattern") is { } p ? new Regex("^(?:" + p.GetString() + ")$") : null;
            var minimum = Property(constraints, "minimum")?.GetDouble() ?? double.NegativeInfinity;
            var maximum = Property(constraints, "maximum")?.GetDouble() ?? double.PositiveInfinity;
            var check = TypeCheck(field);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var r = 0; r < rows.Count; r++)
            {
                var value = rows[r][c];
                if (missing.Contains(value))
                {
                    Assert.False(required, $"{name} row {r + 1} field {fieldName}: required");
                    continue;
                }

                var (ok, number) = check(value);
                if (!ok
                    || (allowed is not null && !allowed.Contains(value))
                    || (pattern is not null && !pattern.IsMatch(value))
                    || number < minimum || number > maximum
                    || (unique && !seen.Add(value)))
                {
                    Assert.Fail($"{name} row {r + 1} field {fieldName} '{value}' breaks its type or constraints");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Keys_hold(string name)
    {
        var resource = Resource(name);
        var schema = resource.GetProperty("schema");
        var (header, rows) = ShippedFiles.ReadCsv(resource.GetProperty("path").GetString()!);
        if (schema.TryGetProperty("primaryKey", out var pk))
        {
            var columns = pk.EnumerateArray().Select(k => Array.IndexOf(header, k.GetString())).ToArray();
            Assert.DoesNotContain(-1, columns);
            var keys = rows.Select(r => string.Join('\u001f', columns.Select(c => r[c]))).ToList();
            Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        }

        if (schema.TryGetProperty("foreignKeys", out var fks))
        {
            foreach (var fk in fks.EnumerateArray())
            {
                var column = Array.IndexOf(header, fk.GetProperty("fields").GetString());
                var reference = fk.GetProperty("reference");
                var target = Resource(reference.GetProperty("resource").GetString()!);
                var (targetHeader, targetRows) = ShippedFiles.ReadCsv(target.GetProperty("path").GetString()!);
                var targetColumn = Array.IndexOf(targetHeader, reference.GetProperty("fields").GetString());
                var allowed = targetRows.Select(r => r[targetColumn]).ToHashSet(StringComparer.Ordinal);
                Assert.All(rows, r => Assert.Contains(r[column], allowed));
            }
        }
    }

    private static JsonElement Resource(string name) =>
        Package.Value.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    private static bool Flag(JsonElement constraints, string name) =>
        constraints.ValueKind == JsonValueKind.Object && constraints.TryGetProperty(name, out var v) && v.GetBoolean();

    private static JsonElement? Property(JsonElement constraints, string name) =>
        constraints.ValueKind == JsonValueKind.Object && constraints.TryGetProperty(name, out var v) ? v : null;

    /// <summary>A check of the field's type; numeric types also return the value (NaN for the others, which no bound rejects).</summary>
    private static Func<string, (bool Ok, double Number)> TypeCheck(JsonElement field)
    {
        switch (field.GetProperty("type").GetString())
        {
            case "string":
                return _ => (true, double.NaN);
            case "integer":
                return v => (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i), i);
            case "number":
                var plain = new Regex(@"^[+-]?\d+(\.\d+)?$");
                return v => plain.IsMatch(v) ? (true, double.Parse(v, CultureInfo.InvariantCulture)) : (false, double.NaN);
            case "boolean":
                var values = field.GetProperty("trueValues").EnumerateArray().Concat(field.GetProperty("falseValues").EnumerateArray())
                    .Select(v => v.GetString()).ToHashSet(StringComparer.Ordinal);
                return v => (values.Contains(v), double.NaN);
            case var other:
                Assert.Fail($"type '{other}' is not used in this package");
                return _ => (false, double.NaN);
        }
    }
}
