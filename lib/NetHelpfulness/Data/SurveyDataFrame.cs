using Microsoft.Data.Analysis;

namespace NetHelpfulness.Data;

/// <summary>Adapters from <see cref="SurveyResponses"/> to Microsoft.Data.Analysis data frames, with typed columns.</summary>
/// <remarks>
/// Columns are built from the loader's typed arrays, never by <c>DataFrame.LoadCsv</c>, which guesses <c>Single</c> for
/// ratings and weights. Ratings are <c>Int32</c> with nulls where not answered; weights <c>Double</c>; text columns <c>String</c>.
/// </remarks>
public static class SurveyDataFrame
{
    /// <summary>One row per respondent and scenario: respondent_id, country, [weight], [strata], [cluster], [groups], scenario, rating, score.</summary>
    public static DataFrame ToDataFrame(this SurveyResponses survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var rows = (long)survey.RespondentCount * survey.ScenarioCount;
        var respondent = new StringDataFrameColumn("respondent_id", rows);
        var scenario = new StringDataFrameColumn("scenario", rows);
        var rating = new Int32DataFrameColumn("rating", rows);
        var score = new Int32DataFrameColumn("score", rows);
        var attributes = RespondentColumns(survey).Select(c => (Source: c, Column: new StringDataFrameColumn(c.Name, rows))).ToList();
        var weight = survey.IsWeighted ? new DoubleDataFrameColumn("weight", rows) : null;
        long row = 0;
        for (var i = 0; i < survey.RespondentCount; i++)
        {
            for (var j = 0; j < survey.ScenarioCount; j++, row++)
            {
                respondent[row] = survey.RespondentIds[i];
                scenario[row] = survey.Scenarios[j];
                var r = survey.Rating(i, j);
                rating[row] = r == SurveyResponses.Missing ? null : r;
                score[row] = r == SurveyResponses.Missing ? null : survey.Scale.Score(r);
                foreach (var (source, column) in attributes)
                {
                    column[row] = source[i];
                }

                if (weight is not null)
                {
                    weight[row] = survey.Weights[i];
                }
            }
        }

        var columns = new List<DataFrameColumn> { respondent };
        columns.AddRange(attributes.Take(1).Select(a => a.Column));
        if (weight is not null)
        {
            columns.Add(weight);
        }

        columns.AddRange(attributes.Skip(1).Select(a => a.Column));
        columns.Add(scenario);
        columns.Add(rating);
        columns.Add(score);
        return new DataFrame(columns);
    }

    /// <summary>One row per respondent: respondent_id, country, [weight], [strata], [cluster], [groups], then one rating column per scenario.</summary>
    public static DataFrame ToWideDataFrame(this SurveyResponses survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var n = survey.RespondentCount;
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("respondent_id", survey.RespondentIds) };
        var attributes = RespondentColumns(survey);
        columns.AddRange(attributes.Take(1).Select(c => Text(c, n)));
        if (survey.IsWeighted)
        {
            columns.Add(new DoubleDataFrameColumn("weight", survey.Weights.ToArray()));
        }

        columns.AddRange(attributes.Skip(1).Select(c => Text(c, n)));
        for (var j = 0; j < survey.ScenarioCount; j++)
        {
            var column = new Int32DataFrameColumn(survey.Scenarios[j], n);
            for (var i = 0; i < n; i++)
            {
                var r = survey.Rating(i, j);
                column[i] = r == SurveyResponses.Missing ? null : r;
            }

            columns.Add(column);
        }

        return new DataFrame(columns);
    }

    private static List<CodedColumn> RespondentColumns(SurveyResponses survey)
    {
        var list = new List<CodedColumn>();
        list.Add(survey.Country ?? new CodedColumn(SurveyReader.CountryColumn, new int[survey.RespondentCount], [""]));
        if (survey.Strata is { } strata)
        {
            list.Add(strata);
        }

        if (survey.Clusters is { } clusters)
        {
            list.Add(clusters);
        }

        list.AddRange(survey.Groups);
        return list;
    }

    private static StringDataFrameColumn Text(CodedColumn source, int n)
    {
        var column = new StringDataFrameColumn(source.Name, n);
        for (var i = 0; i < n; i++)
        {
            column[i] = source[i];
        }

        return column;
    }
}
