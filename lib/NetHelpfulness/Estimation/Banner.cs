using System.Globalization;
using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation;

/// <summary>What a banner table shows and how its columns are tested.</summary>
public sealed record BannerOptions
{
    /// <summary>The scenarios (rows) in the order shown, or null for every scenario in the survey's order.</summary>
    public IReadOnlyList<string>? Scenarios { get; init; }

    /// <summary>
    /// The order of the levels (columns) of a banner variable, by variable; a variable not named here has its levels in
    /// ordinal order of their names. Every level of the variable must be listed, except <see cref="Banner.UnknownLevel"/>,
    /// which goes last unless it is listed.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Levels { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>How the p-values of one scenario and variable are adjusted together (default Holm).</summary>
    public PAdjustment Adjustment { get; init; } = PAdjustment.Holm;

    /// <summary>Confidence level of the cells' intervals.</summary>
    public double Level { get; init; } = Defaults.Level;

    /// <summary>Significance level of the column tests, applied to the adjusted p-values.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Cells with fewer respondents who answered are suppressed: no estimate shown, never tested.</summary>
    public int MinimumCell { get; init; } = Defaults.MinimumCell;
}

/// <summary>One column of a banner: the Total, or one level of a banner variable.</summary>
/// <param name="Variable">The banner variable (a respondent-level column), or <see cref="Banner.TotalVariable"/>.</param>
/// <param name="Level">The level, <see cref="Banner.UnknownLevel"/> for respondents without a value, or <see cref="Banner.TotalLevel"/>.</param>
/// <param name="Letter">The column's letter within its variable (A, B, …; after Z: AA, AB, …); empty for the Total.</param>
/// <param name="Respondents">Respondents in the column (whether they answered a scenario or not).</param>
public sealed record BannerColumn(string Variable, string Level, string Letter, int Respondents)
{
    /// <summary>True for the Total column.</summary>
    public bool IsTotal => Variable == Banner.TotalVariable;

    /// <summary>True for the column of respondents with no value in the variable.</summary>
    public bool IsUnknown => !IsTotal && Level == Banner.UnknownLevel;
}

/// <summary>One cell of a banner: a scenario's net score in one column, a domain of the whole design.</summary>
/// <param name="Scenario">The scenario (row).</param>
/// <param name="Column">The column.</param>
/// <param name="N">Respondents of the column who answered the scenario.</param>
/// <param name="Net">The net score with its influence values, or null when the cell is suppressed.</param>
/// <param name="Helpful">The (weighted) share helpful, or null when suppressed.</param>
/// <param name="Creepy">The (weighted) share creepy, or null when suppressed.</param>
/// <param name="GreaterThan">Letters of the columns of the same variable this cell is significantly above, in column order.</param>
public sealed record BannerCell(string Scenario, BannerColumn Column, int N, DesignEstimate? Net, DesignEstimate? Helpful, DesignEstimate? Creepy, IReadOnlyList<string> GreaterThan)
{
    /// <summary>True when the cell has fewer respondents who answered than the minimum cell size.</summary>
    public bool IsSuppressed => Net is null;
}

/// <summary>The test of two columns of one variable in one scenario.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Variable">The banner variable.</param>
/// <param name="A">The first column (earlier in column order).</param>
/// <param name="B">The second column.</param>
/// <param name="Difference">net(A) − net(B).</param>
/// <param name="StandardError">Its design-based SE, from the joint influence values of the two domains.</param>
/// <param name="P">Two-sided p-value of the z test; null when the difference and its SE are both 0 (no test possible; left out of the family).</param>
/// <param name="AdjustedP">The p-value adjusted within the family (the scenario's pairs of this variable); null with <paramref name="P"/>.</param>
/// <param name="Significant">True when the adjusted p-value is below α.</param>
public sealed record BannerTest(string Scenario, string Variable, BannerColumn A, BannerColumn B, double Difference, double StandardError, double? P, double? AdjustedP, bool Significant);

/// <summary>A banner table: every scenario's net score in every column, and the column tests.</summary>
/// <param name="Source">Where the survey came from.</param>
/// <param name="RespondentCount">Respondents in the survey.</param>
/// <param name="Variables">The banner variables, in order.</param>
/// <param name="Scenarios">The scenarios (rows), in order.</param>
/// <param name="Columns">The Total, then each variable's levels in order.</param>
/// <param name="Cells">Scenario by scenario, one cell per column.</param>
/// <param name="Tests">Every pair of tested columns of each variable in each scenario.</param>
/// <param name="Options">The options the banner was computed with.</param>
public sealed record BannerResult(
    string Source,
    int RespondentCount,
    IReadOnlyList<string> Variables,
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<BannerColumn> Columns,
    IReadOnlyList<BannerCell> Cells,
    IReadOnlyList<BannerTest> Tests,
    BannerOptions Options)
{
    /// <summary>The cell of a scenario and a column.</summary>
    public BannerCell Cell(string scenario, BannerColumn column) =>
        Cells[(IndexOf(Scenarios, scenario, "scenario") * Columns.Count) + IndexOf(Columns, column, "column")];

    /// <summary>The columns of one banner variable, in order.</summary>
    public IReadOnlyList<BannerColumn> ColumnsOf(string variable) => [.. Columns.Where(c => c.Variable == variable)];

    /// <summary>True when some cell is suppressed.</summary>
    public bool HasSuppressed => Cells.Any(c => c.IsSuppressed);

    /// <summary>The variables that have an <see cref="Banner.UnknownLevel"/> column.</summary>
    public IReadOnlyList<string> VariablesWithUnknown => [.. Columns.Where(c => c.IsUnknown).Select(c => c.Variable).Distinct()];

    private static int IndexOf<T>(IReadOnlyList<T> items, T item, string what)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(items[i], item))
            {
                return i;
            }
        }

        throw new ArgumentException($"no {what} '{item}' in the banner");
    }
}

/// <summary>
/// Banner tables: net scores of scenarios (rows) in the levels of banner variables (columns: age bands, genders,
/// countries …) side by side, with letters that say which columns of the same variable a cell is significantly above,
/// from design-based tests.
/// </summary>
/// <remarks>
/// <para>Each cell is a domain of the whole design: the net score over the column's respondents who answered the scenario,
/// a domain mean of the scores s ∈ {−1, 0, +1} (<see cref="NetScore.Estimate"/> on the scores masked to the column;
/// Lumley 2010, §2.4), so respondents outside the column still count in their strata and PSUs. The shares helpful and
/// creepy are domain means of the indicators (<see cref="RatingDistribution.ShareOf"/>). Linearized, they equal R
/// <c>svyby(~s, ~variable, subset(design, !is.na(s)), svymean, covmat = TRUE)</c>.</para>
/// <para>Tests: for two columns a, b of one variable in one scenario, z = (net_a − net_b)/SE with the SE of the
/// difference from the two domains' joint influence values (<see cref="DesignEstimates.Difference"/>): Var = V_aa + V_bb −
/// 2V_ab, the covariance of the domains from the design (they share strata and PSUs), not that of independent samples;
/// p = 2Φ(−|z|). The family adjusted together (<see cref="Multiplicity.Adjust"/>, = R <c>p.adjust</c>) is every pair of
/// the variable's tested columns in that scenario: k tested columns give k(k − 1)/2 p-values. A cell is "greater than"
/// a column when its net score is higher and the adjusted p-value is below α.</para>
/// <para>Small cells: a cell with fewer than <see cref="BannerOptions.MinimumCell"/> respondents who answered is
/// suppressed: no estimate, and it is left out of the tests (and so out of the family). The Total column is suppressed
/// by the same rule and never tested.</para>
/// <para>Missing values: respondents with an empty value in a banner variable form the column
/// <see cref="UnknownLevel"/>, after the others, estimated and tested like any level (it is a domain like any other;
/// whether those who did not say differ is itself worth knowing). A value literally <c>(unknown)</c> joins it. A variable
/// with a single level (unknown included) is refused: its one column would repeat the Total and test nothing.</para>
/// </remarks>
public static class Banner
{
    /// <summary>The level of respondents with no value in a banner variable.</summary>
    public const string UnknownLevel = "(unknown)";

    /// <summary>The variable name of the Total column.</summary>
    public const string TotalVariable = "(total)";

    /// <summary>The level name of the Total column.</summary>
    public const string TotalLevel = "Total";

    /// <summary>Computes a banner: every scenario in the Total and in every level of every variable, with the column tests.</summary>
    /// <param name="survey">The survey.</param>
    /// <param name="design">A design over the survey's respondents (<see cref="SurveyResponses.Design(DesignSpec)"/>).</param>
    /// <param name="variables">The banner variables: respondent-level columns of the survey.</param>
    /// <param name="options">Scenarios, level orders, adjustment, levels and the minimum cell size.</param>
    /// <exception cref="ArgumentException">No variable, a variable twice or not loaded, an unknown or repeated scenario, a level order for a variable not in the banner, or a design not over the survey's respondents.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A confidence level or α not strictly between 0 and 1, or a minimum cell below 1.</exception>
    /// <exception cref="SurveyDataException">A variable with a single level, a value that differs between rows of one respondent, or a level order that does not match the variable's levels.</exception>
    public static BannerResult Compute(SurveyResponses survey, SurveyDesign design, IReadOnlyList<string> variables, BannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(variables);
        options ??= new BannerOptions();
        ConfidenceInterval.CheckLevel(options.Level);
        if (!(options.Alpha > 0 && options.Alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Alpha, "α must lie strictly between 0 and 1");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumCell, 1, nameof(options));
        NetScore.RequireRespondents(survey, design);
        RequireDistinct(variables, "banner variable");
        if (variables.Count == 0)
        {
            throw new ArgumentException("a banner needs at least one variable", nameof(variables));
        }

        foreach (var variable in options.Levels.Keys.Where(v => !variables.Contains(v)))
        {
            throw new ArgumentException($"a level order is given for '{variable}', which is not a banner variable ({string.Join(", ", variables)})", nameof(options));
        }

        var scenarios = options.Scenarios ?? survey.Scenarios;
        RequireDistinct(scenarios, "scenario");
        var scenarioIndex = scenarios.Select(survey.ScenarioIndex).ToArray();

        // Columns and who is in each: the Total, then each variable's levels.
        var columns = new List<BannerColumn> { new(TotalVariable, TotalLevel, "", survey.RespondentCount) };
        var members = new List<bool[]> { Enumerable.Repeat(true, survey.RespondentCount).ToArray() };
        foreach (var variable in variables)
        {
            if (!survey.HasColumn(variable))
            {
                throw new ArgumentException($"no column '{variable}' in {survey.Source}; its columns are {string.Join(", ", survey.FileColumns)}", nameof(variables));
            }

            var (levels, levelOf) = LevelsOf(survey, survey.Column(variable), options.Levels.GetValueOrDefault(variable));
            for (var k = 0; k < levels.Count; k++)
            {
                var inLevel = levelOf.Select(l => l == k).ToArray();
                columns.Add(new BannerColumn(variable, levels[k], Letter(k), inLevel.Count(x => x)));
                members.Add(inLevel);
            }
        }

        var scale = survey.Scale;
        var cells = new List<BannerCell>(scenarios.Count * columns.Count);
        var tests = new List<BannerTest>();
        for (var row = 0; row < scenarios.Count; row++)
        {
            var scenario = scenarios[row];
            var scores = survey.Scores(scenarioIndex[row]);
            var ratings = RatingDistribution.RatingsOf(survey, scenarioIndex[row]);
            var rowCells = new List<BannerCell>(columns.Count);
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                var inColumn = members[c];
                var maskedScores = new sbyte[scores.Length];
                var maskedRatings = new sbyte[ratings.Length];
                var n = 0;
                for (var i = 0; i < scores.Length; i++)
                {
                    maskedScores[i] = inColumn[i] ? scores[i] : SurveyResponses.Missing;
                    maskedRatings[i] = inColumn[i] ? ratings[i] : SurveyResponses.Missing;
                    n += maskedScores[i] == SurveyResponses.Missing ? 0 : 1;
                }

                if (n < options.MinimumCell)
                {
                    rowCells.Add(new BannerCell(scenario, column, n, null, null, null, []));
                    continue;
                }

                var name = column.IsTotal ? scenario : $"{scenario} | {column.Variable} = {column.Level}";
                rowCells.Add(new BannerCell(scenario, column, n,
                    NetScore.Estimate(maskedScores, design, name),
                    RatingDistribution.ShareOf(maskedRatings, scale.HelpfulFrom, scale.HelpfulTo, design, name + " (helpful)"),
                    RatingDistribution.ShareOf(maskedRatings, scale.CreepyFrom, scale.CreepyTo, design, name + " (creepy)"),
                    []));
            }

            foreach (var variable in variables)
            {
                var tested = rowCells.Where(c => c.Column.Variable == variable && !c.IsSuppressed).ToList();
                tests.AddRange(TestColumns(scenario, variable, tested, options, rowCells));
            }

            cells.AddRange(rowCells);
        }

        return new BannerResult(survey.Source, survey.RespondentCount, [.. variables], [.. scenarios], columns, cells, tests, options);
    }

    /// <summary>The letter of the column at <paramref name="index"/> (0-based) within its variable: A … Z, then AA, AB, ….</summary>
    public static string Letter(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var letters = "";
        for (var k = index + 1; k > 0; k = (k - 1) / 26)
        {
            letters = (char)('A' + ((k - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>The pairwise tests of one variable's tested cells in one row; the letters go into <paramref name="rowCells"/>.</summary>
    private static List<BannerTest> TestColumns(string scenario, string variable, List<BannerCell> tested, BannerOptions options, List<BannerCell> rowCells)
    {
        var pairs = new List<(BannerCell A, BannerCell B, double Difference, double Se, double? P)>();
        for (var a = 0; a < tested.Count; a++)
        {
            for (var b = a + 1; b < tested.Count; b++)
            {
                var difference = DesignEstimates.Difference(tested[a].Net!, tested[b].Net!);
                var se = difference.StandardError;
                double? p = se == 0 && difference.Estimate == 0 ? null : PValues.TwoSidedNormal(difference.Estimate, se);
                pairs.Add((tested[a], tested[b], difference.Estimate, se, p));
            }
        }

        // The family: every testable pair of this variable in this row (as p.adjust drops NA p-values).
        var family = pairs.Where(x => x.P is not null).Select(x => x.P!.Value).ToArray();
        var adjusted = Multiplicity.Adjust(family, options.Adjustment);
        var above = tested.ToDictionary(c => c.Column, _ => new List<BannerColumn>());
        var tests = new List<BannerTest>(pairs.Count);
        var next = 0;
        foreach (var (a, b, difference, se, p) in pairs)
        {
            double? adjustedP = p is null ? null : adjusted[next++];
            var significant = adjustedP < options.Alpha && difference != 0;
            if (significant)
            {
                (difference > 0 ? above[a.Column] : above[b.Column]).Add(difference > 0 ? b.Column : a.Column);
            }

            tests.Add(new BannerTest(scenario, variable, a.Column, b.Column, difference, se, p, adjustedP, significant));
        }

        for (var i = 0; i < rowCells.Count; i++)
        {
            if (above.TryGetValue(rowCells[i].Column, out var beaten) && beaten.Count > 0)
            {
                var order = rowCells.Select(c => c.Column).ToList();
                rowCells[i] = rowCells[i] with { GreaterThan = [.. beaten.OrderBy(order.IndexOf).Select(c => c.Letter)] };
            }
        }

        return tests;
    }

    /// <summary>The variable's levels in order, and each respondent's level index.</summary>
    private static (IReadOnlyList<string> Levels, int[] LevelOf) LevelsOf(SurveyResponses survey, CodedColumn column, IReadOnlyList<string>? order)
    {
        var values = new string[survey.RespondentCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column[i].Length == 0 ? UnknownLevel : column[i];
        }

        var present = values.Distinct(StringComparer.Ordinal).ToList();
        if (present.Count < 2)
        {
            throw new SurveyDataException(new DataIssue(survey.Source, 0, column.Name, present.Count == 0 ? "" : present[0] == UnknownLevel ? "(no value)" : present[0],
                "at least two levels: every respondent has the same value, so its one column would repeat the Total and nothing could be compared"));
        }

        var known = present.Where(l => l != UnknownLevel).Order(StringComparer.Ordinal).ToList();
        List<string> levels;
        if (order is null)
        {
            levels = present.Contains(UnknownLevel) ? [.. known, UnknownLevel] : known;
        }
        else
        {
            var issues = new List<DataIssue>();
            foreach (var level in order.Where(l => !present.Contains(l, StringComparer.Ordinal)))
            {
                issues.Add(new DataIssue(survey.Source, 0, column.Name, level, $"a level of the column in the level order; it has {string.Join(", ", present.Order(StringComparer.Ordinal))}"));
            }

            var missing = known.Where(l => !order.Contains(l, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                issues.Add(new DataIssue(survey.Source, 0, column.Name, "", $"every level of the column in the level order; missing: {string.Join(", ", missing)}"));
            }

            foreach (var repeated in order.GroupBy(l => l, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                issues.Add(new DataIssue(survey.Source, 0, column.Name, repeated.Key, "each level once in the level order"));
            }

            if (issues.Count > 0)
            {
                throw new SurveyDataException(issues, false);
            }

            levels = [.. order];
            if (present.Contains(UnknownLevel) && !levels.Contains(UnknownLevel))
            {
                levels.Add(UnknownLevel);
            }
        }

        var index = levels.Select((l, k) => (l, k)).ToDictionary(x => x.l, x => x.k, StringComparer.Ordinal);
        return (levels, [.. values.Select(v => index[v])]);
    }

    private static void RequireDistinct(IReadOnlyList<string> names, string what)
    {
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{what} '{repeated.Key}' is given {repeated.Count()} times"));
        }
    }
}
