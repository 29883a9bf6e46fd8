using System.Text;
using NetHelpfulness.Data;
using NetHelpfulness.Randomness;

namespace NetHelpfulness.Simulation;

/// <summary>A scenario to simulate and the unweighted shares its answers must round to.</summary>
/// <param name="Scenario">Scenario identifier (as in <c>data/scenarios.csv</c>).</param>
/// <param name="Relationship">Whether a relationship with the brand is stated (country effects depend on it).</param>
/// <param name="Tracking">The tracking involved (country effects depend on whether it is deep tracking).</param>
/// <param name="HelpfulPercent">% helpful (ratings 4–5) the shares must round to.</param>
/// <param name="CreepyPercent">% creepy (ratings 1–2) the shares must round to.</param>
public sealed record ScenarioTarget(string Scenario, Relationship Relationship, Tracking Tracking, int HelpfulPercent, int CreepyPercent)
{
    /// <summary>Net score in percentage points, helpful − creepy.</summary>
    public int NetPercent => HelpfulPercent - CreepyPercent;
}

/// <summary>Settings of <see cref="SurveySimulation.Generate"/>; the defaults produce <c>data/synthetic/survey.csv</c>.</summary>
public sealed record SurveySimulationOptions
{
    /// <summary>Seed of the random stream.</summary>
    public ulong Seed { get; init; } = SurveySimulation.DefaultSeed;

    /// <summary>Number of respondents (at least <see cref="SurveySimulation.MinimumRespondents"/>).</summary>
    public int Respondents { get; init; } = SurveySimulation.DefaultRespondents;

    /// <summary>The scenarios, in the order they are written, with their targets.</summary>
    public IReadOnlyList<ScenarioTarget> Scenarios { get; init; } = SurveySimulation.ArticleTargets;

    /// <summary>Countries and their relative sample sizes.</summary>
    public IReadOnlyList<CountryQuota> Countries { get; init; } = SimulationParts.DefaultCountries;

    /// <summary>Correlation ρ of two latent ratings of one respondent within a country (Gaussian copula), in [0, 1).</summary>
    public double Correlation { get; init; } = 0.4;

    /// <summary>Probability that a rating is skipped, independently of everything else (missing completely at random).</summary>
    public double SkipRate { get; init; } = 0.01;

    /// <summary>Standard deviation of a country's overall shift on the latent scale.</summary>
    public double CountrySpread { get; init; } = 0.15;
}

/// <summary>
/// Generates a <b>synthetic</b> creepy-to-helpful survey whose unweighted shares round exactly to target percentages:
/// the calibrated stand-in for the article's unpublished respondent-level data (<c>data/synthetic/survey.csv</c>).
/// </summary>
/// <remarks>
/// <para>Model. Respondent i in country c rates scenario j through a latent value
/// z_ij = δ_c + γ_c·[j uses deep tracking] + η_c·[j states no relationship] + √ρ·a_i + √(1−ρ)·e_ij,
/// with a_i, e_ij independent standard normals (a Gaussian copula: within a country two latent ratings of one
/// respondent correlate ρ) and country effects δ_c ~ N(0, s²), γ_c ~ N(0, (0.8s)²), η_c ~ N(0, (0.6s)²),
/// s = <see cref="SurveySimulationOptions.CountrySpread"/>. Each rating is skipped with probability
/// <see cref="SurveySimulationOptions.SkipRate"/>.</para>
/// <para>Calibration. Within each scenario the m answered latent values are ranked and cut at fixed counts
/// (rank-based ordinal margins, as in a Gaussian copula with ordinal marginals): the lowest C get 1–2 (creepy),
/// the highest H get 4–5 (helpful), the rest 3, where H and C are the integers nearest to the target shares
/// times m for which helpful, creepy and net all round to their targets (always possible when m &gt; 200).
/// Of the helpful, a fraction 0.25 + 0.003·helpful% (per cent) are "very helpful" (5); of the creepy,
/// 0.25 + 0.004·creepy% are "very creepy" (1). Ties in the latent values are broken by respondent order.</para>
/// <para>Design weights are log-normal with a country-specific spread, mean exactly 1 within each country, and
/// independent of the ratings (see <c>data/README.md</c>). All draws come from <see cref="Xoshiro256StarStar"/> and
/// every decision uses integer arithmetic or IEEE basic operations, so the output is identical on every platform.</para>
/// </remarks>
public static class SurveySimulation
{
    /// <summary>The seed of the shipped <c>data/synthetic/survey.csv</c>.</summary>
    public const ulong DefaultSeed = Defaults.SurveySimulationSeed;

    /// <summary>The article's sample size.</summary>
    public const int DefaultRespondents = 11_500;

    /// <summary>Fewer respondents than this cannot be calibrated reliably.</summary>
    public const int MinimumRespondents = 1_000;

    /// <summary>More respondents than this are refused (the matrix is held in memory).</summary>
    public const int MaximumRespondents = 2_000_000;

    /// <summary>
    /// The ten scenarios of <c>data/scenarios.csv</c> and their targets. sale_alert (68/11) and overheard_coffee_ad
    /// (26/53) are the article's published shares, in_aisle_offer's net +38 is published (its 58/20 split is not);
    /// all other targets are illustrative, chosen to follow the article's qualitative findings.
    /// </summary>
    public static IReadOnlyList<ScenarioTarget> ArticleTargets { get; } =
    [
        new("sale_alert", Relationship.Established, Tracking.None, 68, 11),
        new("repurchase_reminder", Relationship.Established, Tracking.None, 63, 13),
        new("birthday_offer", Relationship.Established, Tracking.None, 61, 15),
        new("loyalty_recommendations", Relationship.Established, Tracking.None, 57, 16),
        new("in_aisle_offer", Relationship.Established, Tracking.GeoTracking, 58, 20),
        new("retargeted_ad_known_brand", Relationship.Established, Tracking.ThirdPartyCookies, 41, 32),
        new("smart_speaker_ad_known_brand", Relationship.Established, Tracking.DeviceListening, 35, 41),
        new("retargeted_ad_unknown_brand", Relationship.None, Tracking.ThirdPartyCookies, 32, 42),
        new("walk_by_offer_unknown_store", Relationship.None, Tracking.GeoTracking, 30, 45),
        new("overheard_coffee_ad", Relationship.None, Tracking.DeviceListening, 26, 53),
    ];

    /// <summary>The countries of the shipped synthetic data (19 ISO codes, invented uneven sizes).</summary>
    public static IReadOnlyList<CountryQuota> DefaultCountries => SimulationParts.DefaultCountries;

    /// <summary>Generates a synthetic survey.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent (see each option's documentation).</exception>
    public static SyntheticSurvey Generate(SurveySimulationOptions? options = null)
    {
        options ??= new SurveySimulationOptions();
        Check(options);
        var n = options.Respondents;
        var k = options.Scenarios.Count;
        var countries = options.Countries;

        // One independent stream per part, so the parts do not shift one another's draws.
        var root = new Xoshiro256StarStar(options.Seed);
        var countryRandom = new Xoshiro256StarStar(root.NextUInt64());
        var weightRandom = new Xoshiro256StarStar(root.NextUInt64());
        var latentRandom = new Xoshiro256StarStar(root.NextUInt64());
        var skipRandom = new Xoshiro256StarStar(root.NextUInt64());

        var sizes = SimulationParts.Allocate(n, [.. countries.Select(c => c.Share)]);
        var countryOf = SimulationParts.AssignCountries(sizes, countryRandom);
        var s = options.CountrySpread;
        var level = new double[countries.Count];
        var deepTracking = new double[countries.Count];
        var noRelationship = new double[countries.Count];
        for (var c = 0; c < countries.Count; c++)
        {
            level[c] = s * countryRandom.NextStandardNormal();
            deepTracking[c] = 0.8 * s * countryRandom.NextStandardNormal();
            noRelationship[c] = 0.6 * s * countryRandom.NextStandardNormal();
        }

        var weightUnits = SimulationParts.DesignWeightUnits(countryOf, sizes, weightRandom);

        var shared = Math.Sqrt(options.Correlation);
        var own = Math.Sqrt(1 - options.Correlation);
        var latent = new double[n * k];
        for (var i = 0; i < n; i++)
        {
            var c = countryOf[i];
            var attitude = shared * latentRandom.NextStandardNormal();
            for (var j = 0; j < k; j++)
            {
                var target = options.Scenarios[j];
                var shift = level[c]
                    + (target.Tracking != Tracking.None ? deepTracking[c] : 0)
                    + (target.Relationship == Relationship.None ? noRelationship[c] : 0);
                latent[(i * k) + j] = shift + attitude + (own * latentRandom.NextStandardNormal());
            }
        }

        const ulong SkipResolution = 1_000_000;
        var skipBelow = (ulong)Math.Round(options.SkipRate * SkipResolution);
        var ratings = new sbyte[n * k];
        for (var cell = 0; cell < ratings.Length; cell++)
        {
            ratings[cell] = skipRandom.NextBounded(SkipResolution) < skipBelow ? SurveyResponses.Missing : (sbyte)0;
        }

        var counts = new CategoryCounts[k];
        for (var j = 0; j < k; j++)
        {
            counts[j] = AssignRatings(options.Scenarios[j], j, k, latent, ratings);
        }

        return new SyntheticSurvey(options, SimulationParts.RespondentIds(n), [.. countries.Select(c => c.Code)], countryOf, weightUnits, ratings, counts);
    }

    /// <summary>The counts of ratings 1..5 that make m answers round to the target's helpful, creepy and net percentages.</summary>
    /// <exception cref="ArgumentException">No counts round to the targets (too few answers).</exception>
    public static CategoryCounts CalibratedCounts(ScenarioTarget target, int answered)
    {
        ArgumentNullException.ThrowIfNull(target);
        long m = answered;
        var nearestHelpful = SimulationParts.RoundDiv(target.HelpfulPercent * m, 100);
        var nearestCreepy = SimulationParts.RoundDiv(target.CreepyPercent * m, 100);
        var steps = new (int Helpful, int Creepy)[] { (0, 0), (1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1) };
        foreach (var (dh, dc) in steps)
        {
            var helpful = nearestHelpful + dh;
            var creepy = nearestCreepy + dc;
            if (helpful >= 0 && creepy >= 0 && helpful + creepy <= m
                && RoundsTo(helpful, m, target.HelpfulPercent)
                && RoundsTo(creepy, m, target.CreepyPercent)
                && RoundsTo(helpful - creepy, m, target.NetPercent))
            {
                var veryHelpful = SimulationParts.RoundDiv(helpful * (250 + (3 * target.HelpfulPercent)), 1000);
                var veryCreepy = SimulationParts.RoundDiv(creepy * (250 + (4 * target.CreepyPercent)), 1000);
                return new CategoryCounts((int)veryCreepy, (int)(creepy - veryCreepy), (int)(m - helpful - creepy),
                    (int)(helpful - veryHelpful), (int)veryHelpful);
            }
        }

        throw new ArgumentException($"scenario '{target.Scenario}': {answered} answers cannot round to {target.HelpfulPercent}% helpful, "
            + $"{target.CreepyPercent}% creepy and net {target.NetPercent}; simulate more respondents");

        // 100·count/m lies strictly within ½ of the target, so it rounds to it under any rounding rule.
        static bool RoundsTo(long count, long m, int percent) => 2 * Math.Abs((100 * count) - (percent * m)) < m;
    }

    private static CategoryCounts AssignRatings(ScenarioTarget target, int j, int k, double[] latent, sbyte[] ratings)
    {
        var n = ratings.Length / k;
        var answered = Enumerable.Range(0, n).Where(i => ratings[(i * k) + j] != SurveyResponses.Missing).ToArray();
        var keys = new double[n];
        foreach (var i in answered)
        {
            keys[i] = latent[(i * k) + j];
        }

        SimulationParts.SortByKey(answered, keys, descending: false);
        var counts = CalibratedCounts(target, answered.Length);
        var at = 0;
        for (var rating = 1; rating <= 5; rating++)
        {
            for (var r = 0; r < counts[rating]; r++)
            {
                ratings[(answered[at++] * k) + j] = (sbyte)rating;
            }
        }

        return counts;
    }

    private static void Check(SurveySimulationOptions options)
    {
        if (options.Respondents is < MinimumRespondents or > MaximumRespondents)
        {
            throw new ArgumentException($"respondents must be {MinimumRespondents}..{MaximumRespondents}; got {options.Respondents}", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.Scenarios);
        if (options.Scenarios.Count == 0)
        {
            throw new ArgumentException("at least one scenario is needed", nameof(options));
        }

        foreach (var t in options.Scenarios)
        {
            if (t is null || string.IsNullOrWhiteSpace(t.Scenario) || t.Scenario.Trim() != t.Scenario || t.Scenario.IndexOfAny([',', '"', '\r', '\n']) >= 0)
            {
                throw new ArgumentException($"scenario identifiers are non-empty text without surrounding spaces, commas, quotes or line breaks; got '{t?.Scenario}'", nameof(options));
            }

            if (t.HelpfulPercent < 0 || t.CreepyPercent < 0 || t.HelpfulPercent + t.CreepyPercent > 100)
            {
                throw new ArgumentException($"scenario '{t.Scenario}': helpful and creepy percentages must be ≥ 0 and sum to at most 100", nameof(options));
            }
        }

        if (options.Scenarios.Select(t => t.Scenario).Distinct(StringComparer.Ordinal).Count() != options.Scenarios.Count)
        {
            throw new ArgumentException("each scenario once", nameof(options));
        }

        if (!(options.Correlation >= 0 && options.Correlation < 1))
        {
            throw new ArgumentException($"the correlation must lie in [0, 1); got {options.Correlation}", nameof(options));
        }

        if (!(options.SkipRate >= 0 && options.SkipRate <= 0.2))
        {
            throw new ArgumentException($"the skip rate must lie in [0, 0.2]; got {options.SkipRate}", nameof(options));
        }

        if (!(options.CountrySpread >= 0 && options.CountrySpread <= 2))
        {
            throw new ArgumentException($"the country spread must lie in [0, 2]; got {options.CountrySpread}", nameof(options));
        }

        SimulationParts.CheckCountries(options.Countries, options.Respondents);
    }
}

/// <summary>How many answers of a scenario fall on each rating 1..5.</summary>
/// <param name="VeryCreepy">Rating 1.</param>
/// <param name="Creepy">Rating 2.</param>
/// <param name="Neutral">Rating 3.</param>
/// <param name="Helpful">Rating 4.</param>
/// <param name="VeryHelpful">Rating 5.</param>
public sealed record CategoryCounts(int VeryCreepy, int Creepy, int Neutral, int Helpful, int VeryHelpful)
{
    /// <summary>The count of a rating 1..5.</summary>
    public int this[int rating] => rating switch
    {
        1 => VeryCreepy,
        2 => Creepy,
        3 => Neutral,
        4 => Helpful,
        5 => VeryHelpful,
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, "ratings run 1..5"),
    };

    /// <summary>All answers.</summary>
    public int Answered => VeryCreepy + Creepy + Neutral + Helpful + VeryHelpful;
}

/// <summary>A generated <b>synthetic</b> survey: respondents, countries, design weights and the rating matrix.</summary>
public sealed class SyntheticSurvey
{
    private readonly string[] _respondentIds;
    private readonly string[] _countryCodes;
    private readonly int[] _countryOf;
    private readonly int[] _weightUnits;
    private readonly sbyte[] _ratings;
    private readonly CategoryCounts[] _counts;

    internal SyntheticSurvey(SurveySimulationOptions options, string[] respondentIds, string[] countryCodes, int[] countryOf,
        int[] weightUnits, sbyte[] ratings, CategoryCounts[] counts)
    {
        Options = options;
        _respondentIds = respondentIds;
        _countryCodes = countryCodes;
        _countryOf = countryOf;
        _weightUnits = weightUnits;
        _ratings = ratings;
        _counts = counts;
    }

    /// <summary>The CSV header, in the loader's long contract.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        [SurveyReader.RespondentColumn, SurveyReader.CountryColumn, "weight", SurveyReader.ScenarioColumn, SurveyReader.RatingColumn];

    /// <summary>The options it was generated with.</summary>
    public SurveySimulationOptions Options { get; }

    /// <summary>Respondent identifiers.</summary>
    public IReadOnlyList<string> RespondentIds => _respondentIds;

    /// <summary>Scenario identifiers, in column order of <see cref="Ratings"/>.</summary>
    public IReadOnlyList<string> Scenarios => [.. Options.Scenarios.Select(t => t.Scenario)];

    /// <summary>The respondent × scenario rating matrix (1..5, or <see cref="SurveyResponses.Missing"/>), row-major.</summary>
    public ReadOnlySpan<sbyte> Ratings => _ratings;

    /// <summary>Counts of each rating per scenario, in scenario order.</summary>
    public IReadOnlyList<CategoryCounts> Counts => _counts;

    /// <summary>The country code of a respondent.</summary>
    public string Country(int respondent) => _countryCodes[_countryOf[respondent]];

    /// <summary>The design weight of a respondent (a multiple of 10⁻⁴, as written).</summary>
    public double Weight(int respondent) => _weightUnits[respondent] / (double)SimulationParts.WeightUnitsPerOne;

    /// <summary>The survey as the loader reads the written file (<paramref name="weighted"/>: as if read with <c>--weight weight</c>).</summary>
    public SurveyResponses ToResponses(bool weighted = false) =>
        new("synthetic survey (seed " + Options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
            RatingScale.FivePoint,
            [.. Scenarios],
            [.. _respondentIds],
            [.. _ratings],
            CodedColumn.FromValues(SurveyReader.CountryColumn, [.. _countryOf.Select(c => _countryCodes[c])]),
            weighted ? [.. _weightUnits.Select(u => u / (double)SimulationParts.WeightUnitsPerOne)] : null);

    /// <summary>The file's text: the long contract, one row per respondent and scenario, LF line ends, empty rating when skipped.</summary>
    public StringBuilder ToCsv()
    {
        var k = Options.Scenarios.Count;
        var scenarios = Scenarios;
        var text = new StringBuilder(_ratings.Length * 48);
        text.Append(string.Join(',', Columns)).Append('\n');
        for (var i = 0; i < _respondentIds.Length; i++)
        {
            for (var j = 0; j < k; j++)
            {
                text.Append(_respondentIds[i]).Append(',').Append(_countryCodes[_countryOf[i]]).Append(',');
                SimulationParts.AppendWeight(text, _weightUnits[i]);
                text.Append(',').Append(scenarios[j]).Append(',');
                var rating = _ratings[(i * k) + j];
                if (rating != SurveyResponses.Missing)
                {
                    text.Append((char)('0' + rating));
                }

                text.Append('\n');
            }
        }

        return text;
    }

    /// <summary>Writes <see cref="ToCsv"/> as UTF-8 without a byte-order mark.</summary>
    public void WriteCsv(Stream stream) => SimulationParts.WriteUtf8(stream, ToCsv());
}
