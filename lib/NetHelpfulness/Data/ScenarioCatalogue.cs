
namespace NetHelpfulness.Data;

/// <summary>Whether the scenario states an established relationship with the brand.</summary>
public enum Relationship
{
    /// <summary>The respondent has bought from the brand, or given it an email address.</summary>
    Established,

    /// <summary>No relationship with the brand is stated.</summary>
    None,
}

/// <summary>The kind of tracking a scenario uses; anything but <see cref="None"/> is "deep tracking".</summary>
public enum Tracking
{
    /// <summary>No deep tracking.</summary>
    None,

    /// <summary>Third-party cookies.</summary>
    ThirdPartyCookies,

    /// <summary>Geo-tracking (location).</summary>
    GeoTracking,

    /// <summary>Device listening.</summary>
    DeviceListening,
}

/// <summary>One brand interaction of the survey.</summary>
/// <param name="Id">Identifier used in the survey data's <c>scenario</c> column.</param>
/// <param name="Label">Short label for tables and figures.</param>
/// <param name="Description">What the respondent was shown.</param>
/// <param name="Relationship">Whether a relationship with the brand is stated.</param>
/// <param name="Tracking">The kind of tracking involved.</param>
/// <param name="IsPublished">True when the article describes this scenario; false when its wording is illustrative.</param>
public sealed record ScenarioInfo(string Id, string Label, string Description, Relationship Relationship, Tracking Tracking, bool IsPublished)
{
    /// <summary>True for third-party cookies, geo-tracking or device listening.</summary>
    public bool UsesDeepTracking => Tracking != Tracking.None;
}

/// <summary>The catalogue of scenarios (<c>data/scenarios.csv</c>): <c>id,label,description,relationship,tracking,source</c>.</summary>
public sealed class ScenarioCatalogue
{
    /// <summary>The catalogue's columns, in file order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["id", "label", "description", "relationship", "tracking", "source"];

    private ScenarioCatalogue(IReadOnlyList<ScenarioInfo> scenarios) => Scenarios = scenarios;

    /// <summary>The scenarios in file order.</summary>
    public IReadOnlyList<ScenarioInfo> Scenarios { get; }

    /// <summary>The scenario with this identifier, or null.</summary>
    public ScenarioInfo? Find(string id) => Scenarios.FirstOrDefault(s => s.Id == id);

    /// <summary>Creates a catalogue from scenarios (identifiers must be unique).</summary>
    public static ScenarioCatalogue Create(IEnumerable<ScenarioInfo> scenarios)
    {
        var list = scenarios.ToList();
        var duplicate = list.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? new ScenarioCatalogue(list) : throw new ArgumentException($"scenario '{duplicate.Key}' appears twice");
    }

    /// <summary>Reads and validates a catalogue file.</summary>
    /// <exception cref="SurveyDataException">The file breaks its contract; every problem is listed.</exception>
    public static ScenarioCatalogue Read(string path)
    {
        var table = DelimitedTable.Read(path, Columns);
        var issues = new List<DataIssue>();
        var scenarios = new List<ScenarioInfo>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (line, fields) in table.Rows)
        {
            var id = table.Field(fields, "id");
            var relationship = table.Field(fields, "relationship") switch
            {
                "established" => Relationship.Established,
                "none" => Relationship.None,
                var other => Bad<Relationship>(line, "relationship", other, "established or none"),
            };
            var tracking = table.Field(fields, "tracking") switch
            {
                "none" => Tracking.None,
                "third_party_cookies" => Tracking.ThirdPartyCookies,
                "geo_tracking" => Tracking.GeoTracking,
                "device_listening" => Tracking.DeviceListening,
                var other => Bad<Tracking>(line, "tracking", other, "none, third_party_cookies, geo_tracking or device_listening"),
            };
            var published = table.Field(fields, "source") switch
            {
                "published" => true,
                "illustrative" => false,
                var other => Bad<bool>(line, "source", other, "published or illustrative"),
            };
            if (id.Length == 0)
            {
                issues.Add(new DataIssue(path, line, "id", "", "a scenario identifier (not empty)"));
            }
            else if (!seen.TryAdd(id, line))
            {
                issues.Add(new DataIssue(path, line, "id", id, $"each identifier once (also on line {seen[id]})"));
            }

            scenarios.Add(new ScenarioInfo(id, table.Field(fields, "label"), table.Field(fields, "description"), relationship, tracking, published));
        }

        return issues.Count > 0 ? throw new SurveyDataException(issues, false) : new ScenarioCatalogue(scenarios);

        T Bad<T>(long line, string column, string found, string expected)
        {
            issues.Add(new DataIssue(path, line, column, found, expected));
            return default!;
        }
    }
}
