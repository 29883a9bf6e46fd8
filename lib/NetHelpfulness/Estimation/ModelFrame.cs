using System.Globalization;
using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation;

/// <summary>Where a model's variable comes from.</summary>
public enum ModelVariableSource
{
    /// <summary>A respondent-level column of the survey (the same on every rating of a respondent).</summary>
    Respondent,

    /// <summary>A column of the scenario catalogue, joined to each rating by its scenario.</summary>
    Scenario,
}

/// <summary>A variable of a model: its source, and for a factor its levels with the reference first.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Source">Respondent column or catalogue column.</param>
/// <param name="IsFactor">True for a factor (treatment contrasts); false for a numeric covariate (every value a number).</param>
/// <param name="Levels">A factor's levels among the model's rows: the reference, then the others by name (by value when all are numbers); empty for a numeric covariate.</param>
public sealed record ModelVariable(string Name, ModelVariableSource Source, bool IsFactor, IReadOnlyList<string> Levels)
{
    /// <summary>The reference level of a factor, or null for a numeric covariate.</summary>
    public string? Reference => IsFactor ? Levels[0] : null;
}

/// <summary>One column of the design matrix: a product of factor indicators and numeric covariates.</summary>
/// <param name="Name">As R's <c>model.matrix</c> names it (<c>(Intercept)</c>, <c>countryDE</c>, <c>relationshipestablished:trackinggeo_tracking</c>).</param>
/// <param name="Term">The index of its term in the formula's terms, −1 for the intercept.</param>
/// <param name="Parts">(variable, level) pairs; the level is −1 for a numeric covariate.</param>
internal sealed record ModelColumn(string Name, int Term, (int Variable, int Level)[] Parts);

/// <summary>
/// The stacked ratings of a model: one row per respondent × answered scenario, the catalogue's columns joined by scenario,
/// the respondents' columns as they are, and the design matrix's columns. Rows with the same covariate values share a
/// <i>pattern</i> (respondent profile × scenario), so the fit accumulates per pattern and stays linear in the rows.
/// </summary>
internal sealed class ModelFrame
{
    private const int MaxIssues = 50;
    private const long MaxCachedValues = 16_000_000;

    private readonly int[][] _codes;
    private readonly double[][] _values;
    private readonly int[] _patternRespondent;
    private readonly int[] _patternScenario;
    private readonly double[]? _cache;

    private ModelFrame(
        SurveyResponses survey, SurveyDesign design, ModelSpecification specification, ModelFormula formula, ModelVariable[] variables,
        int[][] codes, double[][] values, ModelColumn[] columns, StackedRows rows, int[] patternRespondent, int[] patternScenario,
        double[] patternWeight, double[] patternOutcome)
    {
        Survey = survey;
        Design = design;
        Specification = specification;
        Formula = formula;
        Variables = variables;
        _codes = codes;
        _values = values;
        Columns = columns;
        Rows = rows;
        _patternRespondent = patternRespondent;
        _patternScenario = patternScenario;
        PatternWeight = patternWeight;
        PatternOutcome = patternOutcome;
        if ((long)PatternCount * columns.Length <= MaxCachedValues)
        {
            _cache = new double[PatternCount * columns.Length];
            var none = NoOverrides;
            for (var p = 0; p < PatternCount; p++)
            {
                Fill(p, none, _cache.AsSpan(p * columns.Length, columns.Length));
            }
        }
    }

    public SurveyResponses Survey { get; }

    public SurveyDesign Design { get; }

    public ModelSpecification Specification { get; }

    public ModelFormula Formula { get; }

    public IReadOnlyList<ModelVariable> Variables { get; }

    public ModelColumn[] Columns { get; }

    public StackedRows Rows { get; }

    public int PatternCount => _patternScenario.Length;

    /// <summary>Σ w over each pattern's rows.</summary>
    public double[] PatternWeight { get; }

    /// <summary>Σ w·y over each pattern's rows.</summary>
    public double[] PatternOutcome { get; }

    /// <summary>No variable overridden (one −1 per variable).</summary>
    public int[] NoOverrides => [.. Variables.Select(_ => -1)];

    /// <summary>The outcome y of a rating's score.</summary>
    public static double Outcome(ModelOutcome outcome, sbyte score) => outcome switch
    {
        ModelOutcome.Helpful => score > 0 ? 1 : 0,
        ModelOutcome.Creepy => score < 0 ? 1 : 0,
        _ => score,
    };

    /// <summary>Builds the stacked rows and the design matrix's columns, checking every variable.</summary>
    /// <exception cref="ModelException">A term names no column (or a column of both the survey and the catalogue), a reference or factor option names no factor of the model, or a factor has a single level.</exception>
    /// <exception cref="SurveyDataException">A survey scenario is missing from the catalogue, a variable's value is empty, or a respondent column's value varies within a respondent.</exception>
    /// <exception cref="InsufficientDataException">No rating at all.</exception>
    public static ModelFrame Build(SurveyResponses survey, ScenarioAttributes? scenarios, SurveyDesign design, ModelSpecification specification)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(specification);
        if (design.RespondentCount != survey.RespondentCount)
        {
            throw new ArgumentException("the design must have one row per respondent of the survey", nameof(design));
        }

        ConfidenceInterval.CheckLevel(specification.Level);
        var formula = ModelFormula.Parse(specification.Terms);
        foreach (var name in specification.References.Keys.Concat(specification.Factors).Where(n => !formula.Variables.Contains(n, StringComparer.Ordinal)))
        {
            throw new ModelException($"'{name}' is given a reference level or made a factor, but it is not a variable of the terms \"{specification.Terms}\" ({string.Join(", ", formula.Variables)})");
        }

        var sources = formula.Variables.Select(v => SourceOf(v, survey, scenarios)).ToArray();
        var rows = StackedRows.Of(survey);
        if (rows.Count == 0)
        {
            throw new InsufficientDataException($"{survey.Source} has no rating to model");
        }

        if (scenarios is not null && sources.Contains(ModelVariableSource.Scenario))
        {
            var missing = Enumerable.Range(0, survey.ScenarioCount).Where(j => rows.ScenarioHasRows[j] && !scenarios.Contains(survey.Scenarios[j])).ToList();
            if (missing.Count > 0)
            {
                throw new SurveyDataException([.. missing.Take(MaxIssues).Select(j =>
                    new DataIssue(scenarios.Source, 0, ScenarioAttributes.IdColumn, "", $"a row for scenario '{survey.Scenarios[j]}' of {survey.Source}"))], missing.Count > MaxIssues);
            }
        }

        var variables = new ModelVariable[formula.Variables.Count];
        var codes = new int[variables.Length][];
        var values = new double[variables.Length][];
        for (var v = 0; v < variables.Length; v++)
        {
            (variables[v], codes[v], values[v]) = ReadVariable(formula.Variables[v], sources[v], survey, scenarios!, rows, specification);
        }

        var columns = ColumnsOf(formula, variables);
        var (patternOf, patternRespondent, patternScenario) = Patterns(survey, rows, variables, codes, values);
        rows.SetPatterns(patternOf);
        var weights = design.Weights;
        var patternWeight = new double[patternScenario.Length];
        var patternOutcome = new double[patternScenario.Length];
        for (var i = 0; i < rows.RespondentCount; i++)
        {
            var w = weights[i];
            for (var k = rows.Start[i]; k < rows.Start[i + 1]; k++)
            {
                var p = rows.Pattern[k];
                patternWeight[p] += w;
                patternOutcome[p] += w * Outcome(specification.Outcome, rows.Score[k]);
            }
        }

        return new ModelFrame(survey, design, specification, formula, variables, codes, values, columns, rows, patternRespondent, patternScenario, patternWeight, patternOutcome);
    }

    /// <summary>The design row of a pattern (cached, or written into <paramref name="scratch"/>).</summary>
    public ReadOnlySpan<double> Row(int pattern, Span<double> scratch)
    {
        if (_cache is not null)
        {
            return _cache.AsSpan(pattern * Columns.Length, Columns.Length);
        }

        Fill(pattern, NoOverrides, scratch);
        return scratch;
    }

    /// <summary>The design row of a pattern with some factors set to a level (<paramref name="overrides"/>: a level per variable, −1 to keep the row's own).</summary>
    public void Fill(int pattern, ReadOnlySpan<int> overrides, Span<double> x)
    {
        for (var c = 0; c < Columns.Length; c++)
        {
            var value = 1.0;
            foreach (var (variable, level) in Columns[c].Parts)
            {
                if (level < 0)
                {
                    value *= Value(variable, pattern);
                }
                else
                {
                    var code = overrides[variable] >= 0 ? overrides[variable] : Code(variable, pattern);
                    if (code != level)
                    {
                        value = 0;
                        break;
                    }
                }
            }

            x[c] = value;
        }
    }

    /// <summary>A pattern's covariate values, for messages: <c>country = DE, tracking = none</c>.</summary>
    public string Describe(int pattern) => string.Join(", ", Variables.Select((v, i) => v.IsFactor
        ? $"{v.Name} = {v.Levels[Code(i, pattern)]}"
        : string.Create(CultureInfo.InvariantCulture, $"{v.Name} = {Value(i, pattern):R}")));

    /// <summary>The level (model order) of a factor at a pattern.</summary>
    public int Code(int variable, int pattern) =>
        _codes[variable][Variables[variable].Source == ModelVariableSource.Respondent ? _patternRespondent[pattern] : _patternScenario[pattern]];

    private double Value(int variable, int pattern) =>
        _values[variable][Variables[variable].Source == ModelVariableSource.Respondent ? _patternRespondent[pattern] : _patternScenario[pattern]];

    private static ModelVariableSource SourceOf(string name, SurveyResponses survey, ScenarioAttributes? scenarios)
    {
        var inSurvey = survey.HasColumn(name);
        var inCatalogue = scenarios?.HasColumn(name) ?? false;
        if (inSurvey && inCatalogue)
        {
            throw new ModelException($"the term variable '{name}' is a column of both {survey.Source} and {scenarios!.Source}; rename one of them");
        }

        if (!inSurvey && !inCatalogue && survey.FileColumns.Contains(name, StringComparer.Ordinal))
        {
            throw new ModelException($"the term variable '{name}' is {survey.Source}'s respondent identifier, scenario or rating column, which is not a covariate (a factor of the scenarios is the catalogue's '{ScenarioAttributes.IdColumn}' column)");
        }

        if (!inSurvey && !inCatalogue)
        {
            var surveyColumns = survey.FileColumns.Count == 0 ? "(none)" : string.Join(", ", survey.FileColumns);
            var catalogueColumns = scenarios is null ? "no scenario catalogue was given (--scenarios)" : $"{scenarios.Source} has {string.Join(", ", scenarios.Columns)}";
            throw new ModelException($"the term variable '{name}' names no column: {survey.Source} has {surveyColumns}; {catalogueColumns}");
        }

        return inSurvey ? ModelVariableSource.Respondent : ModelVariableSource.Scenario;
    }

    // A variable's values over the entities (respondents or scenarios) that have rows: checked (not empty), typed (numeric
    // when every value is a number and the variable is not named a factor), and for a factor coded in the model's level order.
    private static (ModelVariable Variable, int[] Codes, double[] Values) ReadVariable(
        string name, ModelVariableSource source, SurveyResponses survey, ScenarioAttributes scenarios, StackedRows rows, ModelSpecification specification)
    {
        int[] textCodes;
        IReadOnlyList<string> texts;
        bool[] used;
        var issues = new List<DataIssue>();
        if (source == ModelVariableSource.Respondent)
        {
            var column = survey.Column(name);
            textCodes = column.Codes.ToArray();
            texts = column.Levels;
            used = rows.RespondentHasRows;
            for (var i = 0; i < textCodes.Length && issues.Count < MaxIssues; i++)
            {
                if (used[i] && texts[textCodes[i]].Length == 0)
                {
                    issues.Add(new DataIssue(survey.Source, survey.LineOf(i), name, "", $"a value (not empty): '{name}' is a variable of the model"));
                }
            }
        }
        else
        {
            var column = CodedColumn.FromValues(name, [.. survey.Scenarios.Select(s => scenarios.Contains(s) ? scenarios.Value(s, name) : "")]);
            textCodes = column.Codes.ToArray();
            texts = column.Levels;
            used = rows.ScenarioHasRows;
            for (var j = 0; j < textCodes.Length; j++)
            {
                if (used[j] && texts[textCodes[j]].Length == 0)
                {
                    var id = survey.Scenarios[j];
                    issues.Add(new DataIssue(scenarios.Source, scenarios.LineOf(id), name, "", $"a value for scenario '{id}' (not empty): '{name}' is a variable of the model"));
                }
            }
        }

        if (issues.Count > 0)
        {
            throw new SurveyDataException(issues, issues.Count >= MaxIssues);
        }

        var present = new bool[texts.Count];
        for (var i = 0; i < textCodes.Length; i++)
        {
            present[textCodes[i]] |= used[i];
        }

        var numbers = new double[texts.Count];
        var allNumbers = true;
        for (var k = 0; k < texts.Count; k++)
        {
            if (present[k] && !(double.TryParse(texts[k], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[k]) && double.IsFinite(numbers[k])))
            {
                allNumbers = false;
            }
        }

        if (allNumbers && !specification.Factors.Contains(name, StringComparer.Ordinal))
        {
            if (specification.References.ContainsKey(name))
            {
                throw new ModelException($"--reference names '{name}', a numeric covariate (every value is a number); make it a factor to give it a reference level");
            }

            return (new ModelVariable(name, source, false, []), [], [.. textCodes.Select(c => numbers[c])]);
        }

        var levels = Enumerable.Range(0, texts.Count).Where(k => present[k]).Select(k => texts[k]).ToList();
        levels.Sort(allNumbers
            ? (a, b) => double.Parse(a, NumberStyles.Float, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, NumberStyles.Float, CultureInfo.InvariantCulture)) is var c && c != 0 ? c : string.CompareOrdinal(a, b)
            : string.CompareOrdinal);
        if (levels.Count < 2)
        {
            throw new ModelException($"the factor '{name}' has a single level ('{levels[0]}') in the model's rows; a term needs a factor with at least two levels (drop '{name}' from the terms)");
        }

        string reference;
        if (specification.References.TryGetValue(name, out var given))
        {
            reference = levels.Contains(given, StringComparer.Ordinal)
                ? given
                : throw new ModelException($"the reference level '{given}' of '{name}' is not among its levels in the model's rows: {string.Join(", ", levels)}");
        }
        else
        {
            reference = levels.Contains("none", StringComparer.Ordinal) ? "none" : levels[0];
        }

        levels.Remove(reference);
        levels.Insert(0, reference);
        var levelIndex = levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var codes = textCodes.Select((c, i) => used[i] ? levelIndex[texts[c]] : -1).ToArray();
        return (new ModelVariable(name, source, true, levels), codes, []);
    }

    // The design matrix's columns, coded as R's model.matrix codes them (TermCode in R's src/library/stats/src/model.c,
    // after Chambers and Hastie 1992, p. 38): in a term, a factor is coded by treatment contrasts when the term without
    // it is empty or contained in an earlier term, else by one indicator per level. Columns of a term vary their first
    // variable fastest, and are named by joining the parts' names with ':'.
    private static ModelColumn[] ColumnsOf(ModelFormula formula, ModelVariable[] variables)
    {
        var columns = new List<ModelColumn> { new("(Intercept)", -1, []) };
        var sets = formula.Terms.Select(t => t.ToHashSet()).ToList();
        for (var t = 0; t < formula.Terms.Count; t++)
        {
            var term = formula.Terms[t];
            var choices = new List<(int Variable, int Level, string Name)[]>();
            foreach (var v in term)
            {
                var variable = variables[v];
                if (!variable.IsFactor)
                {
                    choices.Add([(v, -1, variable.Name)]);
                    continue;
                }

                var rest = term.Where(u => u != v).ToHashSet();
                var byContrasts = rest.Count == 0 || sets.Take(t).Any(s => rest.IsSubsetOf(s));
                choices.Add([.. Enumerable.Range(byContrasts ? 1 : 0, variable.Levels.Count - (byContrasts ? 1 : 0)).Select(l => (v, l, variable.Name + variable.Levels[l]))]);
            }

            var products = Combinations([.. choices.Select(c => c.Length)]).Select(picks => picks.Select((pick, k) => choices[k][pick]).ToArray());
            columns.AddRange(products.Select(parts => new ModelColumn(string.Join(":", parts.Select(p => p.Name)), t, [.. parts.Select(p => (p.Variable, p.Level))])));
        }

        return [.. columns];
    }

    /// <summary>Every combination of one index below each size, the first varying fastest (R's <c>expand.grid</c> order, and model.matrix's for an interaction's columns).</summary>
    public static List<int[]> Combinations(int[] sizes)
    {
        var total = sizes.Aggregate(1, (a, b) => a * b);
        var result = new List<int[]>(total);
        for (var index = 0; index < total; index++)
        {
            var rest = index;
            var combination = new int[sizes.Length];
            for (var k = 0; k < sizes.Length; k++)
            {
                combination[k] = rest % sizes[k];
                rest /= sizes[k];
            }

            result.Add(combination);
        }

        return result;
    }

    // Respondents with the same values of the respondent-side variables share a profile; a pattern is a profile × scenario.
    private static (int[] PatternOf, int[] PatternRespondent, int[] PatternScenario) Patterns(
        SurveyResponses survey, StackedRows rows, ModelVariable[] variables, int[][] codes, double[][] values)
    {
        var n = rows.RespondentCount;
        var profile = new int[n];
        var profileCount = 1;
        for (var v = 0; v < variables.Length; v++)
        {
            if (variables[v].Source != ModelVariableSource.Respondent)
            {
                continue;
            }

            var next = new Dictionary<(int, long), int>();
            for (var i = 0; i < n; i++)
            {
                if (!rows.RespondentHasRows[i])
                {
                    continue;
                }

                long key = variables[v].IsFactor ? codes[v][i] : BitConverter.DoubleToInt64Bits(values[v][i]);
                if (!next.TryGetValue((profile[i], key), out var id))
                {
                    id = next.Count;
                    next.Add((profile[i], key), id);
                }

                profile[i] = id;
            }

            profileCount = Math.Max(1, next.Count);
        }

        var s = survey.ScenarioCount;
        var dense = new int[(long)profileCount * s];
        Array.Fill(dense, -1);
        var respondentOf = new List<int>();
        var scenarioOf = new List<int>();
        var patternOf = new int[rows.Count];
        for (var i = 0; i < n; i++)
        {
            for (var k = rows.Start[i]; k < rows.Start[i + 1]; k++)
            {
                var key = ((long)profile[i] * s) + rows.Scenario[k];
                if (dense[key] < 0)
                {
                    dense[key] = scenarioOf.Count;
                    respondentOf.Add(i);
                    scenarioOf.Add(rows.Scenario[k]);
                }

                patternOf[k] = dense[key];
            }
        }

        return (patternOf, [.. respondentOf], [.. scenarioOf]);
    }
}

/// <summary>The answered ratings of a survey as rows grouped by respondent: scenario, score and (once known) pattern of each.</summary>
internal sealed class StackedRows
{
    private StackedRows(int[] start, int[] scenario, sbyte[] score, bool[] respondentHasRows, bool[] scenarioHasRows)
    {
        Start = start;
        Scenario = scenario;
        Score = score;
        RespondentHasRows = respondentHasRows;
        ScenarioHasRows = scenarioHasRows;
        Pattern = [];
    }

    /// <summary>Respondent i's rows are Start[i] .. Start[i + 1] − 1.</summary>
    public int[] Start { get; }

    public int[] Scenario { get; }

    /// <summary>+1 helpful, 0 neutral, −1 creepy.</summary>
    public sbyte[] Score { get; }

    public int[] Pattern { get; private set; }

    public bool[] RespondentHasRows { get; }

    public bool[] ScenarioHasRows { get; }

    public int Count => Scenario.Length;

    public int RespondentCount => Start.Length - 1;

    public static StackedRows Of(SurveyResponses survey)
    {
        var n = survey.RespondentCount;
        var s = survey.ScenarioCount;
        var ratings = survey.Ratings;
        var scoreOf = new sbyte[256];
        for (var r = survey.Scale.Minimum; r <= survey.Scale.Maximum; r++)
        {
            scoreOf[(byte)(sbyte)r] = survey.Scale.Score(r);
        }

        var count = 0;
        foreach (var rating in ratings)
        {
            count += rating == SurveyResponses.Missing ? 0 : 1;
        }

        var start = new int[n + 1];
        var scenario = new int[count];
        var score = new sbyte[count];
        var respondentHasRows = new bool[n];
        var scenarioHasRows = new bool[s];
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            start[i] = k;
            for (var j = 0; j < s; j++)
            {
                var rating = ratings[(i * s) + j];
                if (rating == SurveyResponses.Missing)
                {
                    continue;
                }

                scenario[k] = j;
                score[k] = scoreOf[(byte)rating];
                scenarioHasRows[j] = true;
                k++;
            }

            respondentHasRows[i] = k > start[i];
        }

        start[n] = k;
        return new StackedRows(start, scenario, score, respondentHasRows, scenarioHasRows);
    }

    public void SetPatterns(int[] pattern) => Pattern = pattern;
}
