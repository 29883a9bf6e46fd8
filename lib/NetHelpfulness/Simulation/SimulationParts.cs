using System.Globalization;
using System.Text;
using NetHelpfulness.Randomness;

namespace NetHelpfulness.Simulation;

/// <summary>A country of a synthetic study and its relative sample size.</summary>
/// <param name="Code">ISO 3166-1 alpha-2 code, as written in the <c>country</c> column.</param>
/// <param name="Share">Relative sample size (any positive integer; sizes are allocated in proportion).</param>
public sealed record CountryQuota(string Code, int Share);

/// <summary>Pieces the survey and trust simulators share: sample allocation, design weights, identifiers, CSV text.</summary>
/// <remarks>Everything that decides a written value uses integer arithmetic or IEEE basic operations only.</remarks>
internal static class SimulationParts
{
    /// <summary>Design weights are written with this many decimals; internally they are integers in these units.</summary>
    public const int WeightDecimals = 4;

    public const int WeightUnitsPerOne = 10_000;

    /// <summary>The countries of the synthetic studies: 19 ISO codes with invented, uneven relative sample sizes.</summary>
    public static IReadOnlyList<CountryQuota> DefaultCountries { get; } =
    [
        new("US", 1400), new("CN", 900), new("IN", 850), new("BR", 800), new("GB", 750), new("DE", 750),
        new("JP", 700), new("FR", 650), new("IT", 550), new("ES", 550), new("CA", 500), new("MX", 500),
        new("AU", 450), new("KR", 400), new("NL", 350), new("PL", 350), new("ZA", 300), new("SE", 250),
        new("BE", 250),
    ];

    /// <summary>⌊a/b + ½⌋ for a ≥ 0, b &gt; 0 (round half up), in integers.</summary>
    public static long RoundDiv(long numerator, long denominator) => ((2 * numerator) + denominator) / (2 * denominator);

    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="shares"/> (largest remainders; ties to the earlier).</summary>
    public static int[] Allocate(int total, IReadOnlyList<int> shares)
    {
        long sum = shares.Sum(s => (long)s);
        var sizes = new int[shares.Count];
        var remainders = new long[shares.Count];
        long given = 0;
        for (var c = 0; c < shares.Count; c++)
        {
            var exact = (long)total * shares[c];
            sizes[c] = (int)(exact / sum);
            remainders[c] = exact % sum;
            given += sizes[c];
        }

        var order = Enumerable.Range(0, shares.Count).OrderByDescending(c => remainders[c]).ThenBy(c => c).ToArray();
        for (var r = 0; r < total - given; r++)
        {
            sizes[order[r]]++;
        }

        return sizes;
    }

    /// <summary>Each respondent's country index: the allocation's codes in a random order.</summary>
    public static int[] AssignCountries(int[] sizes, Xoshiro256StarStar random)
    {
        var countryOf = new int[sizes.Sum()];
        var at = 0;
        for (var c = 0; c < sizes.Length; c++)
        {
            countryOf.AsSpan(at, sizes[c]).Fill(c);
            at += sizes[c];
        }

        random.Shuffle(countryOf.AsSpan());
        return countryOf;
    }

    /// <summary>
    /// Design weights in units of 10⁻⁴ with a mean of exactly 1 within each country: log-normal with a
    /// country-specific spread σ_c ~ U(0.3, 0.6) and the normal draw clipped to ±2.5, then scaled to the
    /// country's size and rounded by largest remainders so each country's units sum to n_c·10⁴.
    /// </summary>
    public static int[] DesignWeightUnits(int[] countryOf, int[] sizes, Xoshiro256StarStar random)
    {
        var spread = new double[sizes.Length];
        for (var c = 0; c < spread.Length; c++)
        {
            spread[c] = 0.3 + (0.3 * random.NextDouble());
        }

        var raw = new double[countryOf.Length];
        var rawSum = new double[sizes.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var z = Math.Clamp(random.NextStandardNormal(), -2.5, 2.5);
            raw[i] = PortableMath.Exp(spread[countryOf[i]] * z);
            rawSum[countryOf[i]] += raw[i];
        }

        var units = new int[raw.Length];
        var remainder = new double[raw.Length];
        var given = new long[sizes.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = countryOf[i];
            var exact = raw[i] / rawSum[c] * sizes[c] * WeightUnitsPerOne;
            var floor = Math.Floor(exact);
            units[i] = (int)floor;
            remainder[i] = exact - floor;
            given[c] += units[i];
        }

        var order = Enumerable.Range(0, raw.Length).OrderByDescending(i => remainder[i]).ThenBy(i => i);
        var missing = given.Select((g, c) => ((long)sizes[c] * WeightUnitsPerOne) - g).ToArray();
        foreach (var i in order)
        {
            if (missing[countryOf[i]] > 0)
            {
                units[i]++;
                missing[countryOf[i]]--;
            }
        }

        return units.Min() > 0 ? units : throw new InvalidOperationException("a design weight rounded to zero");
    }

    /// <summary>Writes weight units as a decimal with <see cref="WeightDecimals"/> places, in integers only.</summary>
    public static void AppendWeight(StringBuilder text, int units) =>
        text.Append(CultureInfo.InvariantCulture, $"{units / WeightUnitsPerOne}.{units % WeightUnitsPerOne:D4}");

    /// <summary>Respondent identifiers r00001, r00002, …, zero-padded to at least five digits.</summary>
    public static string[] RespondentIds(int count)
    {
        var width = Math.Max(5, count.ToString(CultureInfo.InvariantCulture).Length);
        return [.. Enumerable.Range(1, count).Select(i => "r" + i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'))];
    }

    /// <summary>Orders indices by a key, ties by index, so the order is unique whatever the sort algorithm.</summary>
    public static void SortByKey(int[] indices, double[] keys, bool descending)
    {
        Array.Sort(indices, (a, b) =>
        {
            var byKey = descending ? keys[b].CompareTo(keys[a]) : keys[a].CompareTo(keys[b]);
            return byKey != 0 ? byKey : a.CompareTo(b);
        });
    }

    /// <summary>Writes CSV text as UTF-8 without a byte-order mark (lines end in LF; the text carries them).</summary>
    public static void WriteUtf8(Stream stream, StringBuilder text)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        foreach (var chunk in text.GetChunks())
        {
            writer.Write(chunk.Span);
        }
    }

    public static void CheckCountries(IReadOnlyList<CountryQuota> countries, int respondents)
    {
        ArgumentNullException.ThrowIfNull(countries);
        if (countries.Count == 0)
        {
            throw new ArgumentException("at least one country is needed", nameof(countries));
        }

        foreach (var country in countries)
        {
            if (country is null || country.Code.Length != 2 || !country.Code.All(char.IsAsciiLetterUpper))
            {
                throw new ArgumentException($"country codes are ISO 3166-1 alpha-2 (two capital letters); got '{country?.Code}'", nameof(countries));
            }

            if (country.Share <= 0)
            {
                throw new ArgumentException($"country {country.Code}: the share must be > 0", nameof(countries));
            }
        }

        if (countries.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count() != countries.Count)
        {
            throw new ArgumentException("each country code once", nameof(countries));
        }

        if (Allocate(respondents, [.. countries.Select(c => c.Share)]).Any(size => size == 0))
        {
            throw new ArgumentException("every country needs at least one respondent; use more respondents or fewer countries", nameof(countries));
        }
    }
}
