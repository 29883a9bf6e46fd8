using System.Globalization;
using System.Text;
using NetHelpfulness.Data;
using NetHelpfulness.Data.Spss;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Benchmarks;

/// <summary>Finds the shipped data and writes synthetic files of a given size for the scaling benchmark.</summary>
internal static class BenchmarkData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ShippedSurvey => Path.Combine(RepositoryRoot, "data", "synthetic", "survey.csv");

    /// <summary>A long-layout file with <paramref name="ratings"/> ratings (10 per respondent), written once and reused.</summary>
    public static string ScalingFile(int ratings)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nethelp-bench-{ratings}.csv");
        if (File.Exists(path))
        {
            return path;
        }

        var random = new Random(ratings);
        var tmp = path + ".tmp";
        using (var writer = new StreamWriter(tmp, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("respondent_id,country,weight,scenario,rating\n");
            for (var i = 0; i < ratings / 10; i++)
            {
                var weight = (0.25 + (random.NextDouble() * 3)).ToString("0.0000", CultureInfo.InvariantCulture);
                var country = "C" + (i % 19).ToString(CultureInfo.InvariantCulture);
                for (var s = 0; s < 10; s++)
                {
                    var rating = random.Next(0, 101) == 0 ? "" : random.Next(1, 6).ToString(CultureInfo.InvariantCulture);
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"r{i},{country},{weight},scenario_{s},{rating}\n"));
                }
            }
        }

        File.Move(tmp, path, overwrite: true);
        return path;
    }

    /// <summary>The benchmark's SPSS files and the same data as wide CSV.</summary>
    public sealed record SpssFiles(string Csv, string Uncompressed, string Bytecode, string Zlib);

    /// <summary>
    /// <paramref name="cases"/> respondents (id, country, weight, <paramref name="ratings"/> ratings 1–5; 1% skipped,
    /// 1% "don't know" = 9, a user-missing value) written once to the temp folder as wide CSV (both kinds of missing
    /// empty) and as .sav uncompressed, bytecode-compressed and ZLIB-compressed by <see cref="SpssTestWriter"/>.
    /// </summary>
    public static SpssFiles SpssSurvey(int cases, int ratings)
    {
        var stem = Path.Combine(Path.GetTempPath(), $"nethelp-bench-spss-{cases}x{ratings}");
        var files = new SpssFiles(stem + ".csv", stem + "-uncompressed.sav", stem + "-bytecode.sav", stem + ".zsav");
        if (File.Exists(files.Csv) && File.Exists(files.Uncompressed) && File.Exists(files.Bytecode) && File.Exists(files.Zlib))
        {
            return files;
        }

        (string Value, string Label)[] scale = [("1", "Very creepy"), ("2", "Creepy"), ("3", "Neutral"), ("4", "Helpful"), ("5", "Very helpful"), ("9", "Don't know")];
        var labels = scale.Select(s => (double.Parse(s.Value, CultureInfo.InvariantCulture), s.Label)).ToList();
        List<SpssTestWriter.Column> columns =
        [
            new("respondent_id", 8), new("country", 8), new("weight", 0, "Design weight"),
            .. Enumerable.Range(1, ratings).Select(j => new SpssTestWriter.Column(
                "q_" + j.ToString(CultureInfo.InvariantCulture), 0, "Scenario " + j.ToString(CultureInfo.InvariantCulture), labels, [9.0])),
        ];
        using var csv = new StreamWriter(files.Csv + ".tmp", false, new UTF8Encoding(false), 1 << 20);
        csv.Write("respondent_id,country,weight," + string.Join(",", Enumerable.Range(1, ratings).Select(j => "q_" + j.ToString(CultureInfo.InvariantCulture))) + "\n");
        var writers = new[] { SpssCompression.None, SpssCompression.Bytecode, SpssCompression.Zlib }
            .Select(c => new SpssTestWriter((c switch { SpssCompression.None => files.Uncompressed, SpssCompression.Bytecode => files.Bytecode, _ => files.Zlib }) + ".tmp",
                columns, c, cases, weightIndex: 2))
            .ToList();
        var random = new Random(cases);
        var numbers = new double[1 + ratings];
        var strings = new string[2];
        var line = new StringBuilder();
        for (var i = 0; i < cases; i++)
        {
            strings[0] = "r" + i.ToString(CultureInfo.InvariantCulture);
            strings[1] = "C" + (i % 19).ToString(CultureInfo.InvariantCulture);
            var weight = (0.25 + (random.NextDouble() * 3)).ToString("0.0000", CultureInfo.InvariantCulture);
            numbers[0] = double.Parse(weight, CultureInfo.InvariantCulture);
            line.Clear().Append(strings[0]).Append(',').Append(strings[1]).Append(',').Append(weight);
            for (var j = 0; j < ratings; j++)
            {
                var roll = random.Next(0, 100);
                numbers[1 + j] = roll == 0 ? double.NaN : roll == 1 ? 9 : random.Next(1, 6);
                line.Append(',');
                if (roll > 1)
                {
                    line.Append((int)numbers[1 + j]);
                }
            }

            csv.Write(line.Append('\n'));
            foreach (var w in writers)
            {
                w.WriteCase(numbers, strings);
            }
        }

        csv.Dispose();
        foreach (var w in writers)
        {
            w.Dispose();
        }

        foreach (var path in new[] { files.Csv, files.Uncompressed, files.Bytecode, files.Zlib })
        {
            File.Move(path + ".tmp", path, overwrite: true);
        }

        return files;
    }

    /// <summary>
    /// A SYNTHETIC survey of <paramref name="respondents"/> in memory, shaped as tests/reference/bench-calibration.R's file
    /// (20 strata, 6 age bands × 2 genders × 12 regions, log-normal weights, 3 scenarios, 2% skipped), and ILLUSTRATIVE
    /// margins of a population of 5·10⁷.
    /// </summary>
    public static (SurveyResponses Survey, PopulationMargins Margins) CalibrationSurvey(int respondents)
    {
        string[] ages = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"];
        var regions = Enumerable.Range(1, 12).Select(r => string.Create(CultureInfo.InvariantCulture, $"R{r:00}")).ToArray();
        var random = new Random(20261213);
        var age = new string[respondents];
        var gender = new string[respondents];
        var region = new string[respondents];
        var stratum = new string[respondents];
        var weights = new double[respondents];
        var ratings = new sbyte[respondents * 3];
        for (var i = 0; i < respondents; i++)
        {
            var a = random.Next(ages.Length);
            age[i] = ages[a];
            gender[i] = random.NextDouble() < 0.45 ? "female" : "male";
            region[i] = regions[(int)(12 * Math.Pow(random.NextDouble(), 1.3))];
            stratum[i] = string.Create(CultureInfo.InvariantCulture, $"S{1 + (i % 20):00}");
            weights[i] = Math.Exp(0.4 * Normal(random));
            var attitude = Normal(random) + (0.1 * (a - 2.5)) - (gender[i] == "male" ? 0.2 : 0);
            for (var j = 0; j < 3; j++)
            {
                var latent = (0.9 - (0.75 * j)) + attitude + Normal(random);
                ratings[(i * 3) + j] = random.NextDouble() < 0.02 ? SurveyResponses.Missing
                    : (sbyte)(latent < -1.2 ? 1 : latent < -0.4 ? 2 : latent < 0.3 ? 3 : latent < 1.1 ? 4 : 5);
            }
        }

        var survey = new SurveyResponses("synthetic calibration benchmark", RatingScale.FivePoint, ["sale_alert", "in_aisle_offer", "overheard_coffee_ad"],
            [.. Enumerable.Range(0, respondents).Select(i => string.Create(CultureInfo.InvariantCulture, $"b{i:0000000}"))], ratings,
            weights: weights,
            groups: [CodedColumn.FromValues("stratum", stratum), CodedColumn.FromValues("age_band", age), CodedColumn.FromValues("gender", gender), CodedColumn.FromValues("region", region)]);
        const double population = 5e7;
        double[] ageShares = [0.11, 0.16, 0.17, 0.18, 0.18, 0.20];
        var margins = PopulationMargins.Create(
            ages.Select((l, k) => ("age_band", l, population * ageShares[k]))
                .Concat([("gender", "female", population * 0.51), ("gender", "male", population * 0.49)])
                .Concat(regions.Select(r => ("region", r, population / 12))),
            "illustrative margins");
        return (survey, margins);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// A catalogue for the scaling files' scenarios (scenario_0 … scenario_9) that covers every cell of relationship ×
    /// tracking, two scenarios in each "none" cell of tracking, so that <c>relationship*tracking</c> has no aliased column.
    /// </summary>
    public static string ModelCatalogue()
    {
        var path = Path.Combine(Path.GetTempPath(), "nethelp-bench-scenarios.csv");
        string[] cells =
        [
            "established,none", "established,none", "established,third_party_cookies", "established,geo_tracking", "established,device_listening",
            "none,none", "none,none", "none,third_party_cookies", "none,geo_tracking", "none,device_listening",
        ];
        File.WriteAllText(path, "id,relationship,tracking\n" + string.Concat(cells.Select((c, s) => string.Create(CultureInfo.InvariantCulture, $"scenario_{s},{c}\n"))));
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetHelpfulness.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
