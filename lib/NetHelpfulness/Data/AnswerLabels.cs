using System.Globalization;

namespace NetHelpfulness.Data;

/// <summary>
/// What text answers mean, read from a CSV <c>label,code</c>: each label's rating on the scale, or an empty code for
/// an answer that counts as not answered (for example "Don't know"). For survey exports whose ratings are choice texts
/// ("Very creepy" … "Very helpful"), such as Qualtrics' "export choice text"; pass the result as
/// <see cref="SurveyReadOptions.AnswerLabels"/>.
/// </summary>
public static class AnswerLabels
{
    /// <summary>The file's columns.</summary>
    public static readonly IReadOnlyList<string> Columns = ["label", "code"];

    /// <summary>Reads a labels file for <paramref name="scale"/>.</summary>
    /// <exception cref="SurveyDataException">The file is missing or malformed, a label is empty or repeats (ignoring case), or a code is not a rating of the scale.</exception>
    public static IReadOnlyDictionary<string, int?> Read(string path, RatingScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var table = DelimitedTable.Read(path, Columns);
        var labels = new Dictionary<string, int?>(StringComparer.OrdinalIgnoreCase);
        var lines = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var issues = new List<DataIssue>();
        foreach (var (line, fields) in table.Rows)
        {
            var label = table.Field(fields, "label");
            var code = table.Field(fields, "code");
            if (label.Length == 0)
            {
                issues.Add(new DataIssue(path, line, "label", "", "a label (the text of an answer)"));
                continue;
            }

            if (lines.TryGetValue(label, out var first))
            {
                issues.Add(new DataIssue(path, line, "label", label, string.Create(CultureInfo.InvariantCulture, $"each label once, ignoring case (line {first} has it)")));
                continue;
            }

            int? rating = null;
            if (code.Length > 0)
            {
                if (!int.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || !scale.Contains(value))
                {
                    issues.Add(new DataIssue(path, line, "code", code, $"{scale.Describe()}, or empty for an answer that counts as not answered"));
                    continue;
                }

                rating = value;
            }

            labels[label] = rating;
            lines[label] = line;
        }

        if (labels.Count == 0 && issues.Count == 0)
        {
            issues.Add(new DataIssue(path, 1, "", "", "at least one label after the header"));
        }

        return issues.Count > 0 ? throw new SurveyDataException(issues, false) : labels;
    }
}
