using System.Globalization;
using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation.Calibration;

/// <summary>One level of a calibration variable and its population total.</summary>
/// <param name="Level">The level, as the survey's column spells it (crossed variables: the columns' values joined by ':').</param>
/// <param name="Total">The population total (&gt; 0).</param>
/// <param name="Line">The line of the margins file it comes from (0 when not read from a file), for messages.</param>
public sealed record MarginLevel(string Level, double Total, long Line = 0);

/// <summary>A calibration variable: a respondent-level column (or several crossed) and the population total of each level.</summary>
/// <remarks>
/// The name is a column of the survey, or several columns joined by ':' (for example <c>age_band:gender</c>), whose
/// levels are the columns' values joined by ':' (<c>18-34:female</c>), as R's interaction of factors. A column whose
/// own name contains ':' is taken as that column.
/// </remarks>
public sealed class MarginVariable
{
    internal MarginVariable(string name, IReadOnlyList<MarginLevel> levels)
    {
        Name = name;
        Levels = levels;
        var total = new CompensatedSum();
        foreach (var level in levels)
        {
            total.Add(level.Total);
        }

        Total = total.Value;
    }

    /// <summary>The variable: a column, or columns joined by ':'.</summary>
    public string Name { get; }

    /// <summary>The levels with their population totals, in file order.</summary>
    public IReadOnlyList<MarginLevel> Levels { get; }

    /// <summary>The population size the variable's totals add up to.</summary>
    public double Total { get; }

    /// <summary>The line of the variable's first level in the margins file (0 when not read from a file).</summary>
    public long Line => Levels.Count == 0 ? 0 : Levels[0].Line;

    /// <summary>The level with this name, or null.</summary>
    public MarginLevel? Find(string level) => Levels.FirstOrDefault(l => l.Level == level);
}

/// <summary>How to read a margins file.</summary>
public sealed record MarginsReadOptions
{
    /// <summary>Read the <c>total</c> column as shares of the population (each variable's shares add up to 1), times <see cref="Population"/>.</summary>
    public bool AsShares { get; init; }

    /// <summary>The population size that shares are multiplied by; required with <see cref="AsShares"/>.</summary>
    public double? Population { get; init; }
}

/// <summary>
/// The population margins a survey is calibrated to: for each calibration variable, the population total of each of its
/// levels. Read from a CSV file <c>variable,level,total</c> (other columns, such as a source, are allowed and ignored).
/// </summary>
/// <remarks>
/// A total must be a finite number &gt; 0: a level with nobody in the population cannot be calibrated to (drop it and its
/// respondents, or merge it with another level). Shares (<see cref="MarginsReadOptions.AsShares"/>) of each variable must
/// add up to 1 within 10⁻⁹. Whether every level of the data has a margin and every margin a level in the data is checked
/// against the survey when it is calibrated (<see cref="SurveyCalibration"/>).
/// </remarks>
public sealed class PopulationMargins
{
    /// <summary>The columns a margins file must have.</summary>
    public static readonly IReadOnlyList<string> Columns = ["variable", "level", "total"];

    /// <summary>How far each variable's shares may be from summing to 1.</summary>
    public const double ShareSumTolerance = 1e-9;

    private PopulationMargins(string source, IReadOnlyList<MarginVariable> variables)
    {
        Source = source;
        Variables = variables;
    }

    /// <summary>Where the margins came from (a file name), for messages.</summary>
    public string Source { get; }

    /// <summary>The calibration variables, in the order of their first appearance.</summary>
    public IReadOnlyList<MarginVariable> Variables { get; }

    /// <summary>The variable with this name, or null.</summary>
    public MarginVariable? Find(string variable) => Variables.FirstOrDefault(v => v.Name == variable);

    /// <summary>Builds margins from (variable, level, total) triples.</summary>
    /// <param name="totals">The population totals; each (variable, level) once, every total finite and &gt; 0.</param>
    /// <param name="source">A name for messages.</param>
    /// <exception cref="SurveyDataException">A total is not finite and positive, a (variable, level) appears twice, or a name is empty.</exception>
    public static PopulationMargins Create(IEnumerable<(string Variable, string Level, double Total)> totals, string source = "margins")
    {
        ArgumentNullException.ThrowIfNull(totals);
        return Build(source, totals.Select(t => (t.Variable, t.Level, t.Total.ToString("R", CultureInfo.InvariantCulture), 0L)), new MarginsReadOptions());
    }

    /// <summary>Reads a margins file: CSV with a header and the columns <c>variable,level,total</c>.</summary>
    /// <exception cref="SurveyDataException">The file breaks its contract; every problem is listed with its line.</exception>
    /// <exception cref="ArgumentException">Shares without a population size, or a population size that is not finite and positive.</exception>
    public static PopulationMargins ReadFile(string path, MarginsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new MarginsReadOptions();
        var table = DelimitedTable.Read(path, Columns);
        return Build(path, table.Rows.Select(r => (table.Field(r.Fields, "variable"), table.Field(r.Fields, "level"), table.Field(r.Fields, "total"), r.Line)), options);
    }

    private static PopulationMargins Build(string source, IEnumerable<(string Variable, string Level, string Total, long Line)> rows, MarginsReadOptions options)
    {
        if (options.AsShares && options.Population is not (> 0 and < double.PositiveInfinity))
        {
            throw new ArgumentException("shares need the population size they are shares of (a finite number > 0)", nameof(options));
        }

        var issues = new List<DataIssue>();
        var byVariable = new Dictionary<string, List<MarginLevel>>(StringComparer.Ordinal);
        var order = new List<string>();
        var seen = new Dictionary<(string, string), long>();
        var what = options.AsShares ? "a share of the population, a number > 0 and ≤ 1 ('.' as decimal point)" : "a population total, a finite number > 0 ('.' as decimal point)";
        foreach (var (variable, level, totalText, line) in rows)
        {
            if (variable.Length == 0)
            {
                issues.Add(new DataIssue(source, line, "variable", "", "the name of a respondent-level column (or columns joined by ':')"));
                continue;
            }

            if (level.Length == 0)
            {
                issues.Add(new DataIssue(source, line, "level", "", $"a level of '{variable}' (not empty)"));
                continue;
            }

            if (!seen.TryAdd((variable, level), line))
            {
                issues.Add(new DataIssue(source, line, "level", level, string.Create(CultureInfo.InvariantCulture, $"each level of '{variable}' once (also on line {seen[(variable, level)]})")));
                continue;
            }

            if (!double.TryParse(totalText, NumberStyles.Float, CultureInfo.InvariantCulture, out var total) || !double.IsFinite(total) || total < 0
                || (options.AsShares && total > 1))
            {
                issues.Add(new DataIssue(source, line, "total", totalText, what));
                continue;
            }

            if (total == 0)
            {
                issues.Add(new DataIssue(source, line, "total", totalText,
                    $"{what}: a margin of zero leaves nobody in the population for level '{level}' of '{variable}', so no weight can reach it; drop the level (and its respondents) or merge it with another"));
                continue;
            }

            if (!byVariable.TryGetValue(variable, out var levels))
            {
                byVariable.Add(variable, levels = []);
                order.Add(variable);
            }

            levels.Add(new MarginLevel(level, options.AsShares ? total * options.Population!.Value : total, line));
        }

        if (options.AsShares)
        {
            foreach (var variable in order)
            {
                var sum = new CompensatedSum();
                foreach (var level in byVariable[variable])
                {
                    sum.Add(level.Total / options.Population!.Value);
                }

                if (Math.Abs(sum.Value - 1) > ShareSumTolerance)
                {
                    issues.Add(new DataIssue(source, byVariable[variable][0].Line, "total", sum.Value.ToString("R", CultureInfo.InvariantCulture),
                        $"shares of '{variable}' that add up to 1 (within {ShareSumTolerance:0e0}), so that its totals describe the population of {options.Population!.Value.ToString("R", CultureInfo.InvariantCulture)}"));
                }
            }
        }

        if (issues.Count == 0 && order.Count == 0)
        {
            issues.Add(new DataIssue(source, 0, "", "", "at least one margin: a row variable,level,total"));
        }

        return issues.Count > 0
            ? throw new SurveyDataException(issues, false)
            : new PopulationMargins(source, [.. order.Select(v => new MarginVariable(v, byVariable[v]))]);
    }
}
