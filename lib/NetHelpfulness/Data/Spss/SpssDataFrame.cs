using Microsoft.Data.Analysis;

namespace NetHelpfulness.Data.Spss;

/// <summary>
/// An SPSS file as a Microsoft.Data.Analysis <see cref="DataFrame"/>, with the dictionary kept beside it (a data frame
/// has no place for variable labels, value labels or missing values).
/// </summary>
/// <param name="Frame">One column per variable, in file order, named as the variables.</param>
/// <param name="Variables">The variable of each column of <paramref name="Frame"/>, in the same order: labels, value labels, missing values.</param>
/// <param name="Source">The file's name as given.</param>
/// <param name="EncodingName">The file's character encoding (web name, e.g. <c>utf-8</c>, <c>windows-1251</c>).</param>
/// <remarks>
/// Column types: numeric variables <see cref="DoubleDataFrameColumn"/>; time variables (TIME, DTIME, MTIME) also
/// <see cref="DoubleDataFrameColumn"/>, in seconds; dates and date-times <see cref="DateTimeDataFrameColumn"/>; strings
/// <see cref="StringDataFrameColumn"/>. System-missing and user-missing values are null (the codes of user-missing
/// values stay readable through <see cref="SpssCaseReader"/>), as are dates outside the years 1–9999.
/// </remarks>
public sealed record SpssDataFrame(DataFrame Frame, IReadOnlyList<SpssVariable> Variables, string Source, string EncodingName)
{
    /// <summary>Reads a whole .sav or .zsav file into a data frame.</summary>
    /// <exception cref="SurveyDataException">The file is missing, not a system file, truncated or corrupt.</exception>
    public static SpssDataFrame ReadFile(string path)
    {
        using var file = SpssFile.Open(path);
        return Read(file);
    }

    /// <summary>Reads every case of an open file into a data frame.</summary>
    /// <exception cref="SurveyDataException">The data are truncated or corrupt.</exception>
    public static SpssDataFrame Read(SpssFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var variables = file.Variables;
        var columns = new DataFrameColumn[variables.Count];
        for (var i = 0; i < variables.Count; i++)
        {
            columns[i] = variables[i].Type switch
            {
                SpssVariableType.String => new StringDataFrameColumn(variables[i].Name),
                SpssVariableType.Date or SpssVariableType.DateTime => new DateTimeDataFrameColumn(variables[i].Name),
                _ => new DoubleDataFrameColumn(variables[i].Name),
            };
        }

        using (var cases = file.ReadCases())
        {
            while (cases.Read())
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    var missing = cases.IsMissing(i);
                    switch (columns[i])
                    {
                        case StringDataFrameColumn text:
                            text.Append(missing ? null : cases.Text(i));
                            break;
                        case DateTimeDataFrameColumn date:
                            date.Append(missing ? null : cases.Date(i));
                            break;
                        case DoubleDataFrameColumn number:
                            number.Append(missing ? null : cases.Number(i));
                            break;
                    }
                }
            }
        }

        return new SpssDataFrame(new DataFrame(columns), variables, file.Source, file.Encoding.WebName);
    }

    /// <summary>The variable of the column with this name (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public SpssVariable Variable(string column) =>
        Variables.FirstOrDefault(v => string.Equals(v.Name, column, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"{Source} has no variable '{column}'");
}
