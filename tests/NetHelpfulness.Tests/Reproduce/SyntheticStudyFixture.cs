using System.Globalization;
using System.Text;

namespace NetHelpfulness.Tests.Reproduce;

/// <summary>
/// A small SYNTHETIC data folder in the layout <c>nethelp reproduce</c> reads (synthetic/survey.csv, scenarios.csv,
/// published/*.csv), generated from a seed, so the tests do not depend on the shipped data.
/// </summary>
public sealed class SyntheticStudyFixture : IDisposable
{
    public static readonly (string Id, string Relationship, string Tracking, double Shift)[] Scenarios =
    [
        ("sale_alert", "established", "none", 1.1),
        ("in_aisle_offer", "established", "geo_tracking", 0.7),
        ("retargeted_ad_unknown_brand", "none", "third_party_cookies", -0.2),
        ("overheard_coffee_ad", "none", "device_listening", -0.5),
    ];

    /// <summary>Countries and their sizes; the last is smaller than the default minimum cell of 30.</summary>
    public static readonly (string Code, int Size)[] Countries = [("BR", 140), ("DE", 180), ("FR", 120), ("JP", 90), ("IS", 12)];

    public SyntheticStudyFixture(int seed = 20260501)
    {
        Root = Directory.CreateTempSubdirectory("nethelp-reproduce-test-").FullName;
        Data = Path.Combine(Root, "data");
        Directory.CreateDirectory(Path.Combine(Data, "synthetic"));
        Directory.CreateDirectory(Path.Combine(Data, "published"));
        WriteSurvey(new Random(seed));
        File.WriteAllText(Path.Combine(Data, "scenarios.csv"),
            "id,label,description,relationship,tracking,source\n"
            + string.Concat(Scenarios.Select(s => $"{s.Id},Label of {s.Id.Replace('_', ' ')},\"A test scenario, {s.Id}\",{s.Relationship},{s.Tracking},illustrative\n")));
        File.WriteAllText(Path.Combine(Data, "published", "figure1.csv"),
            "scenario,helpful,creepy,net,sentence\n"
            + "sale_alert,68,11,57,\"A test sentence.\"\n"
            + "in_aisle_offer,,,38,\"Another test sentence.\"\n"
            + "overheard_coffee_ad,26,53,-27,\"A third test sentence.\"\n");
        File.WriteAllText(Path.Combine(Data, "published", "trust-signals.csv"),
            "signal,exposure,outcome,ratio,sentence\n"
            + "transparency and humanity,transparent_humane,shares_personal_info,2.5,\"A test sentence.\"\n");
    }

    public string Root { get; }

    public string Data { get; }

    public string SurveyPath => Path.Combine(Data, "synthetic", "survey.csv");

    public string Output => Path.Combine(Root, "artifacts");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder does not fail a test.
        }
    }

    private void WriteSurvey(Random random)
    {
        var csv = new StringBuilder("respondent_id,country,weight,scenario,rating\n");
        var id = 0;
        foreach (var (country, size) in Countries)
        {
            for (var r = 0; r < size; r++)
            {
                id++;
                var weight = Math.Round(Math.Exp(Normal(random) * 0.4), 4);
                var attitude = Normal(random);
                foreach (var (scenario, _, _, shift) in Scenarios)
                {
                    var latent = shift + (0.6 * attitude) + (0.8 * Normal(random));
                    var rating = latent < -1.2 ? 1 : latent < -0.4 ? 2 : latent < 0.3 ? 3 : latent < 1.1 ? 4 : 5;
                    var text = random.NextDouble() < 0.01 ? "" : rating.ToString(CultureInfo.InvariantCulture);
                    csv.Append(CultureInfo.InvariantCulture, $"R{id:D5},{country},{weight:R},{scenario},{text}\n");
                }
            }
        }

        File.WriteAllText(SurveyPath, csv.ToString());
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
