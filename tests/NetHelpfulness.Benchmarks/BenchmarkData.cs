using System.Globalization;
using System.Text;

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
