using System.Globalization;
using System.Text;
using NetHelpfulness.Randomness;

namespace NetHelpfulness.Simulation;

/// <summary>A binary exposure (a trust signal a respondent perceives) and the share of respondents who have it.</summary>
/// <param name="Name">Column name (lower-case letters, digits and underscores).</param>
/// <param name="Percent">% of respondents exposed (1..99).</param>
public sealed record ExposureTarget(string Name, int Percent);

/// <summary>A binary outcome whose unweighted risk ratio by an exposure must round to <paramref name="Ratio"/> at one decimal.</summary>
/// <param name="Exposure">The exposure column (one of the <see cref="ExposureTarget"/>s).</param>
/// <param name="Outcome">The outcome column.</param>
/// <param name="Ratio">Risk ratio P(outcome | exposed) / P(outcome | unexposed), with one decimal (for example 2.5).</param>
/// <param name="UnexposedPercent">% with the outcome among the unexposed (the baseline risk); Ratio × this must stay below 100.</param>
public sealed record RatioTarget(string Exposure, string Outcome, decimal Ratio, int UnexposedPercent);

/// <summary>The counts behind one simulated risk ratio.</summary>
/// <param name="Exposure">Exposure column.</param>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Exposed">Respondents exposed.</param>
/// <param name="ExposedWithOutcome">Exposed respondents with the outcome.</param>
/// <param name="Unexposed">Respondents not exposed.</param>
/// <param name="UnexposedWithOutcome">Unexposed respondents with the outcome.</param>
public sealed record RatioCounts(string Exposure, string Outcome, int Exposed, int ExposedWithOutcome, int Unexposed, int UnexposedWithOutcome)
{
    /// <summary>The unweighted risk ratio (a/n₁)/(c/n₀).</summary>
    public double RiskRatio => ExposedWithOutcome / (double)Exposed / (UnexposedWithOutcome / (double)Unexposed);
}

/// <summary>Settings of <see cref="TrustSimulation.Generate"/>; the defaults produce <c>data/synthetic/trust.csv</c>.</summary>
public sealed record TrustSimulationOptions
{
    /// <summary>Seed of the random stream.</summary>
    public ulong Seed { get; init; } = TrustSimulation.DefaultSeed;

    /// <summary>Number of respondents (at least <see cref="TrustSimulation.MinimumRespondents"/>).</summary>
    public int Respondents { get; init; } = TrustSimulation.DefaultRespondents;

    /// <summary>Countries and their relative sample sizes.</summary>
    public IReadOnlyList<CountryQuota> Countries { get; init; } = SimulationParts.DefaultCountries;

    /// <summary>The exposure columns, in file order.</summary>
    public IReadOnlyList<ExposureTarget> Exposures { get; init; } = TrustSimulation.ArticleExposures;

    /// <summary>The outcome columns (one ratio each), in file order.</summary>
    public IReadOnlyList<RatioTarget> Ratios { get; init; } = TrustSimulation.ArticleRatios;
}

/// <summary>
/// Generates a <b>synthetic</b> trust-signal study (<c>data/synthetic/trust.csv</c>) whose unweighted risk ratios
/// round to the article's published 2.5, 1.7 and 1.6.
/// </summary>
/// <remarks>
/// <para>Model. Each respondent has a latent general trust g_i ~ N(0, 1). An exposure is perceived by the
/// respondents with the highest x_i = δ_c + √½·g_i + √½·ε_i (δ_c ~ N(0, 0.2²) a country shift), exactly
/// round(p·n) of them, so the two exposures correlate through g. An outcome goes, within the exposed and within the
/// unexposed separately, to those with the highest propensity 0.6·g_i + 0.8·ε'_i, in exactly the numbers
/// c = round(p₀·n₀) and a = round(RR·c·n₁/n₀), so that (a/n₁)/(c/n₀) rounds to RR at one decimal.</para>
/// <para>The risk ratio is the unweighted ratio of proportions (Katz et al. 1978, Biometrics 34:469–474);
/// design weights are drawn as for the survey (mean 1 within each country) and independent of everything else.</para>
/// </remarks>
public static class TrustSimulation
{
    /// <summary>The seed of the shipped <c>data/synthetic/trust.csv</c>.</summary>
    public const ulong DefaultSeed = Defaults.TrustSimulationSeed;

    /// <summary>The article's sample size for the trust study.</summary>
    public const int DefaultRespondents = 7_500;

    /// <summary>Fewer respondents than this are refused.</summary>
    public const int MinimumRespondents = 1_000;

    /// <summary>More respondents than this are refused.</summary>
    public const int MaximumRespondents = 2_000_000;

    /// <summary>The two exposures: perceiving transparency and humanity (40%), reliability and capability (45%); shares illustrative.</summary>
    public static IReadOnlyList<ExposureTarget> ArticleExposures { get; } =
    [
        new("transparent_humane", 40),
        new("reliable_capable", 45),
    ];

    /// <summary>The article's three published ratios; the baseline risks (16%, 28%, 30%) are illustrative.</summary>
    public static IReadOnlyList<RatioTarget> ArticleRatios { get; } =
    [
        new("transparent_humane", "shares_personal_info", 2.5m, 16),
        new("transparent_humane", "more_value_than_expected", 1.7m, 28),
        new("reliable_capable", "shares_digital_info", 1.6m, 30),
    ];

    /// <summary>Generates a synthetic trust study.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent, or a ratio cannot be met with this many respondents.</exception>
    public static SyntheticTrustStudy Generate(TrustSimulationOptions? options = null)
    {
        options ??= new TrustSimulationOptions();
        Check(options);
        var n = options.Respondents;
        var countries = options.Countries;
        var root = new Xoshiro256StarStar(options.Seed);
        var countryRandom = new Xoshiro256StarStar(root.NextUInt64());
        var weightRandom = new Xoshiro256StarStar(root.NextUInt64());
        var latentRandom = new Xoshiro256StarStar(root.NextUInt64());

        var sizes = SimulationParts.Allocate(n, [.. countries.Select(c => c.Share)]);
        var countryOf = SimulationParts.AssignCountries(sizes, countryRandom);
        var level = new double[countries.Count];
        for (var c = 0; c < level.Length; c++)
        {
            level[c] = 0.2 * countryRandom.NextStandardNormal();
        }

        var weightUnits = SimulationParts.DesignWeightUnits(countryOf, sizes, weightRandom);

        var trust = new double[n];
        for (var i = 0; i < n; i++)
        {
            trust[i] = latentRandom.NextStandardNormal();
        }

        var half = Math.Sqrt(0.5);
        var exposures = new List<byte[]>();
        foreach (var exposure in options.Exposures)
        {
            var key = new double[n];
            for (var i = 0; i < n; i++)
            {
                key[i] = level[countryOf[i]] + (half * trust[i]) + (half * latentRandom.NextStandardNormal());
            }

            var order = Enumerable.Range(0, n).ToArray();
            SimulationParts.SortByKey(order, key, descending: true);
            var exposed = new byte[n];
            var count = SimulationParts.RoundDiv(exposure.Percent * (long)n, 100);
            for (var r = 0; r < count; r++)
            {
                exposed[order[r]] = 1;
            }

            exposures.Add(exposed);
        }

        var outcomes = new List<byte[]>();
        var counts = new List<RatioCounts>();
        foreach (var ratio in options.Ratios)
        {
            var exposed = exposures[IndexOfExposure(options, ratio.Exposure)];
            var propensity = new double[n];
            for (var i = 0; i < n; i++)
            {
                propensity[i] = (0.6 * trust[i]) + (0.8 * latentRandom.NextStandardNormal());
            }

            var result = CountsFor(ratio, exposed.Count(e => e == 1), n);
            var outcome = new byte[n];
            foreach (var (group, take) in new[] { ((byte)1, result.ExposedWithOutcome), ((byte)0, result.UnexposedWithOutcome) })
            {
                var members = Enumerable.Range(0, n).Where(i => exposed[i] == group).ToArray();
                SimulationParts.SortByKey(members, propensity, descending: true);
                for (var r = 0; r < take; r++)
                {
                    outcome[members[r]] = 1;
                }
            }

            outcomes.Add(outcome);
            counts.Add(result);
        }

        string[] columns = [.. options.Exposures.Select(e => e.Name), .. options.Ratios.Select(r => r.Outcome)];
        return new SyntheticTrustStudy(options, SimulationParts.RespondentIds(n), [.. countries.Select(c => c.Code)], countryOf, weightUnits,
            columns, [.. exposures, .. outcomes], counts);
    }

    /// <summary>Outcome counts among n₁ exposed and n − n₁ unexposed for which the risk ratio rounds to the target.</summary>
    /// <exception cref="ArgumentException">No such counts exist (too few respondents, or a risk above 100%).</exception>
    public static RatioCounts CountsFor(RatioTarget target, int exposed, int respondents)
    {
        ArgumentNullException.ThrowIfNull(target);
        long n1 = exposed, n0 = respondents - exposed;
        var tenths = (long)(target.Ratio * 10);
        if (n1 > 0 && n0 > 0)
        {
            var c = SimulationParts.RoundDiv(target.UnexposedPercent * n0, 100);
            var a = SimulationParts.RoundDiv(tenths * c * n1, 10 * n0);

            // |10·RR − 10·target| < ½, i.e. 2·|10·a·n₀ − tenths·c·n₁| < c·n₁: the ratio rounds to the target at one decimal.
            if (c > 0 && a <= n1 && 2 * Math.Abs((10 * a * n0) - (tenths * c * n1)) < c * n1)
            {
                return new RatioCounts(target.Exposure, target.Outcome, (int)n1, (int)a, (int)n0, (int)c);
            }
        }

        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"risk ratio {target.Ratio} of {target.Outcome} by {target.Exposure} cannot be met with {n1} exposed and {n0} unexposed respondents"));
    }

    private static int IndexOfExposure(TrustSimulationOptions options, string name)
    {
        for (var e = 0; e < options.Exposures.Count; e++)
        {
            if (options.Exposures[e].Name == name)
            {
                return e;
            }
        }

        throw new ArgumentException($"'{name}' is not an exposure column", nameof(options));
    }

    private static void Check(TrustSimulationOptions options)
    {
        if (options.Respondents is < MinimumRespondents or > MaximumRespondents)
        {
            throw new ArgumentException($"respondents must be {MinimumRespondents}..{MaximumRespondents}; got {options.Respondents}", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.Exposures);
        ArgumentNullException.ThrowIfNull(options.Ratios);
        if (options.Exposures.Count == 0 || options.Ratios.Count == 0)
        {
            throw new ArgumentException("at least one exposure and one ratio are needed", nameof(options));
        }

        var names = new HashSet<string>(StringComparer.Ordinal) { "respondent_id", "country", "weight" };
        foreach (var exposure in options.Exposures)
        {
            CheckName(exposure.Name, names);
            if (exposure.Percent is < 1 or > 99)
            {
                throw new ArgumentException($"exposure '{exposure.Name}': the percentage exposed must be 1..99", nameof(options));
            }
        }

        foreach (var ratio in options.Ratios)
        {
            CheckName(ratio.Outcome, names);
            _ = IndexOfExposure(options, ratio.Exposure);
            if (ratio.Ratio <= 0 || ratio.Ratio * 10 != decimal.Truncate(ratio.Ratio * 10))
            {
                throw new ArgumentException($"outcome '{ratio.Outcome}': the ratio must be > 0 with at most one decimal", nameof(options));
            }

            if (ratio.UnexposedPercent is < 1 or > 99 || ratio.Ratio * ratio.UnexposedPercent >= 100)
            {
                throw new ArgumentException($"outcome '{ratio.Outcome}': the baseline % must be 1..99 and ratio × baseline below 100%", nameof(options));
            }
        }

        SimulationParts.CheckCountries(options.Countries, options.Respondents);

        static void CheckName(string name, HashSet<string> names)
        {
            if (string.IsNullOrEmpty(name) || !char.IsAsciiLetterLower(name[0]) || !name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_'))
            {
                throw new ArgumentException($"column names are lower-case letters, digits and underscores; got '{name}'", nameof(options));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException($"column '{name}' appears twice", nameof(options));
            }
        }
    }
}

/// <summary>A generated <b>synthetic</b> trust study: one row per respondent, 0/1 columns for exposures and outcomes.</summary>
public sealed class SyntheticTrustStudy
{
    private readonly string[] _respondentIds;
    private readonly string[] _countryCodes;
    private readonly int[] _countryOf;
    private readonly int[] _weightUnits;
    private readonly string[] _columns;
    private readonly byte[][] _values;
    private readonly RatioCounts[] _counts;

    internal SyntheticTrustStudy(TrustSimulationOptions options, string[] respondentIds, string[] countryCodes, int[] countryOf, int[] weightUnits,
        string[] columns, byte[][] values, List<RatioCounts> counts)
    {
        Options = options;
        _respondentIds = respondentIds;
        _countryCodes = countryCodes;
        _countryOf = countryOf;
        _weightUnits = weightUnits;
        _columns = columns;
        _values = values;
        _counts = [.. counts];
    }

    /// <summary>The options it was generated with.</summary>
    public TrustSimulationOptions Options { get; }

    /// <summary>Respondent identifiers.</summary>
    public IReadOnlyList<string> RespondentIds => _respondentIds;

    /// <summary>The 0/1 columns: exposures, then outcomes.</summary>
    public IReadOnlyList<string> BinaryColumns => _columns;

    /// <summary>The counts behind each ratio, in the order of <see cref="TrustSimulationOptions.Ratios"/>.</summary>
    public IReadOnlyList<RatioCounts> Counts => _counts;

    /// <summary>The country code of a respondent.</summary>
    public string Country(int respondent) => _countryCodes[_countryOf[respondent]];

    /// <summary>The design weight of a respondent (a multiple of 10⁻⁴, as written).</summary>
    public double Weight(int respondent) => _weightUnits[respondent] / (double)SimulationParts.WeightUnitsPerOne;

    /// <summary>The 0/1 values of a column.</summary>
    /// <exception cref="ArgumentException">No such column.</exception>
    public ReadOnlySpan<byte> Column(string name)
    {
        var index = Array.IndexOf(_columns, name);
        return index >= 0 ? _values[index] : throw new ArgumentException($"no column '{name}'; the columns are {string.Join(", ", _columns)}", nameof(name));
    }

    /// <summary>The file's text: <c>respondent_id,country,weight</c>, then the 0/1 columns; LF line ends.</summary>
    public StringBuilder ToCsv()
    {
        var text = new StringBuilder(_respondentIds.Length * (24 + (2 * _columns.Length)));
        text.Append("respondent_id,country,weight");
        foreach (var column in _columns)
        {
            text.Append(',').Append(column);
        }

        text.Append('\n');
        for (var i = 0; i < _respondentIds.Length; i++)
        {
            text.Append(_respondentIds[i]).Append(',').Append(_countryCodes[_countryOf[i]]).Append(',');
            SimulationParts.AppendWeight(text, _weightUnits[i]);
            foreach (var values in _values)
            {
                text.Append(',').Append(values[i] == 1 ? '1' : '0');
            }

            text.Append('\n');
        }

        return text;
    }

    /// <summary>Writes <see cref="ToCsv"/> as UTF-8 without a byte-order mark.</summary>
    public void WriteCsv(Stream stream) => SimulationParts.WriteUtf8(stream, ToCsv());
}
