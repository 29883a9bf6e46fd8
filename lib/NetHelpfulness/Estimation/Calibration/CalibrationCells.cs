using System.Globalization;
using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation.Calibration;

/// <summary>
/// The survey's respondents classified by the calibration variables: each respondent's level of every variable, and the
/// cells of their cross-classification that occur in the sample. Every calibration method of the package gives all
/// respondents of a cell the same factor g = w/d (post-stratification, raking and GREG with categorical variables are
/// functions of the cell), so the methods work on the cells' starting-weight totals and the respondents take their cell's
/// factor.
/// </summary>
internal sealed class CalibrationCells
{
    private const int MaxIssues = 50;

    private CalibrationCells(MarginVariable[] variables, int[][] levelOf, int[][] levelCount, int[] cellOf, int[][] cellLevel)
    {
        Variables = variables;
        LevelOf = levelOf;
        LevelCount = levelCount;
        CellOf = cellOf;
        CellLevel = cellLevel;
    }

    /// <summary>The calibration variables, in the margins' order.</summary>
    public MarginVariable[] Variables { get; }

    /// <summary>[variable][respondent]: the index of the respondent's level in <see cref="MarginVariable.Levels"/>.</summary>
    public int[][] LevelOf { get; }

    /// <summary>[variable][level]: respondents with that level.</summary>
    public int[][] LevelCount { get; }

    /// <summary>Each respondent's cell.</summary>
    public int[] CellOf { get; }

    /// <summary>[variable][cell]: the cell's level of the variable.</summary>
    public int[][] CellLevel { get; }

    public int CellCount => CellLevel[0].Length;

    public int RespondentCount => CellOf.Length;

    /// <summary>Classifies the respondents; every level of the data must have a margin and every margin a level in the data.</summary>
    /// <exception cref="SurveyDataException">A variable is not a column of the survey, a respondent's value is empty or has no margin, or a margin's level has no respondent.</exception>
    public static CalibrationCells Build(SurveyResponses survey, PopulationMargins margins)
    {
        var issues = new List<DataIssue>();
        var variables = margins.Variables.ToArray();
        var levelOf = new int[variables.Length][];
        var levelCount = new int[variables.Length][];
        for (var k = 0; k < variables.Length; k++)
        {
            (levelOf[k], levelCount[k]) = Classify(survey, margins, variables[k], issues);
        }

        if (issues.Count > 0)
        {
            throw new SurveyDataException([.. issues.Take(MaxIssues)], issues.Count > MaxIssues);
        }

        // Cells: the variables' levels combined one variable at a time, numbered in order of first appearance.
        var n = survey.RespondentCount;
        var cellOf = (int[])levelOf[0].Clone();
        var count = variables[0].Levels.Count;
        for (var k = 1; k < variables.Length; k++)
        {
            count = Combine(cellOf, count, levelOf[k], variables[k].Levels.Count);
        }

        var cellLevel = new int[variables.Length][];
        for (var k = 0; k < variables.Length; k++)
        {
            cellLevel[k] = new int[count];
            for (var i = 0; i < n; i++)
            {
                cellLevel[k][cellOf[i]] = levelOf[k][i];
            }
        }

        return new CalibrationCells(variables, levelOf, levelCount, cellOf, cellLevel);
    }

    /// <summary>The totals of <paramref name="weights"/> in each cell.</summary>
    public double[] CellTotals(ReadOnlySpan<double> weights)
    {
        var sums = new CompensatedSum[CellCount];
        for (var i = 0; i < CellOf.Length; i++)
        {
            sums[CellOf[i]].Add(weights[i]);
        }

        return [.. sums.Select(s => s.Value)];
    }

    /// <summary>The columns a variable names: itself when the survey has such a column, else its parts between ':'.</summary>
    public static IReadOnlyList<string> ColumnsOf(string variable, Func<string, bool> hasColumn) =>
        hasColumn(variable) || !variable.Contains(':', StringComparison.Ordinal) ? [variable] : variable.Split(':');

    private static (int[] LevelOf, int[] LevelCount) Classify(SurveyResponses survey, PopulationMargins margins, MarginVariable variable, List<DataIssue> issues)
    {
        var n = survey.RespondentCount;
        var levelOf = new int[n];
        var levelCount = new int[variable.Levels.Count];
        var columns = ColumnsOf(variable.Name, survey.HasColumn);
        var missing = columns.Where(c => !survey.HasColumn(c)).ToList();
        if (missing.Count > 0)
        {
            issues.Add(new DataIssue(margins.Source, variable.Line, "variable", variable.Name,
                $"a respondent-level column of {survey.Source}{(columns.Count > 1 ? $" (or columns joined by ':'; no column '{string.Join("', '", missing)}')" : "")}; its columns are {string.Join(", ", survey.FileColumns)}"));
            return (levelOf, levelCount);
        }

        var coded = columns.Select(survey.Column).ToArray();

        // The respondents' combinations of the columns' codes, then each combination's label and margin level.
        var combination = coded[0].Codes.ToArray();
        var combinations = coded[0].Levels.Count;
        for (var k = 1; k < coded.Length; k++)
        {
            combinations = Combine(combination, combinations, coded[k].Codes, coded[k].Levels.Count);
        }

        // The first respondent of each combination that occurs.
        var firstOf = new int[combinations];
        Array.Fill(firstOf, -1);
        var first = new List<int>();
        var seen = new int[combinations];
        for (var i = 0; i < n; i++)
        {
            if (firstOf[combination[i]] < 0)
            {
                firstOf[combination[i]] = i;
                seen[combination[i]] = first.Count;
                first.Add(i);
            }
        }

        var levelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var l = 0; l < variable.Levels.Count; l++)
        {
            levelIndex.Add(variable.Levels[l].Level, l);
        }

        var levelOfCombination = new int[first.Count];
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var sampleLevels = new List<string>();
        var bad = false;
        for (var c = 0; c < first.Count; c++)
        {
            var i = first[c];
            var values = coded.Select(column => column[i]).ToArray();
            var label = string.Join(':', values);
            var empty = Array.FindIndex(values, v => v.Length == 0);
            levelOfCombination[c] = -1;
            if (empty >= 0)
            {
                issues.Add(new DataIssue(survey.Source, survey.LineOf(i), columns[empty], "",
                    $"a value (not empty): '{columns[empty]}' is a calibration variable of {margins.Source}, so every respondent needs a level with a margin"));
                bad = true;
                continue;
            }

            if (!labels.TryAdd(label, c))
            {
                issues.Add(new DataIssue(survey.Source, survey.LineOf(i), variable.Name, label,
                    $"values of {string.Join(", ", columns)} that join with ':' into one level only (line {survey.LineOf(first[labels[label]])} joins other values into the same '{label}'); use a column of combined cells instead"));
                bad = true;
                continue;
            }

            sampleLevels.Add(label);
            if (levelIndex.TryGetValue(label, out var l))
            {
                levelOfCombination[c] = l;
            }
            else
            {
                issues.Add(new DataIssue(survey.Source, survey.LineOf(i), variable.Name, label,
                    $"a level of '{variable.Name}' with a population total in {margins.Source}, which has {Levels(variable.Levels.Select(x => x.Level))}; every level of the data needs a margin"));
                bad = true;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var l = levelOfCombination[seen[combination[i]]];
            levelOf[i] = l;
            if (l >= 0)
            {
                levelCount[l]++;
            }
        }

        if (!bad)
        {
            for (var l = 0; l < variable.Levels.Count; l++)
            {
                if (levelCount[l] == 0)
                {
                    issues.Add(new DataIssue(margins.Source, variable.Levels[l].Line, "level", variable.Levels[l].Level,
                        $"a level of '{variable.Name}' that some respondent of {survey.Source} has (they have {Levels(sampleLevels)}); a margin level absent from the sample cannot be reached by any weight"));
                }
            }
        }

        return (levelOf, levelCount);
    }

    /// <summary>
    /// Replaces each <paramref name="codes"/>[i] (of <paramref name="count"/> values) by the number of the pair
    /// (codes[i], other[i]) among the pairs that occur, numbered in order of first appearance; returns how many occur.
    /// </summary>
    private static int Combine(int[] codes, int count, ReadOnlySpan<int> other, int otherCount)
    {
        if ((long)count * otherCount <= 1 << 24)
        {
            var number = new int[count * otherCount];
            var next = 0;
            for (var i = 0; i < codes.Length; i++)
            {
                ref var id = ref number[(codes[i] * otherCount) + other[i]];
                if (id == 0)
                {
                    id = ++next;
                }

                codes[i] = id - 1;
            }

            return next;
        }

        var pairs = new Dictionary<(int, int), int>();
        for (var i = 0; i < codes.Length; i++)
        {
            var key = (codes[i], other[i]);
            if (!pairs.TryGetValue(key, out var id))
            {
                pairs.Add(key, id = pairs.Count);
            }

            codes[i] = id;
        }

        return pairs.Count;
    }

    private static string Levels(IEnumerable<string> levels)
    {
        var list = levels.Order(StringComparer.Ordinal).ToList();
        return list.Count <= 20
            ? string.Join(", ", list.Select(l => $"'{l}'"))
            : string.Join(", ", list.Take(20).Select(l => $"'{l}'")) + string.Create(CultureInfo.InvariantCulture, $" and {list.Count - 20} more");
    }
}
